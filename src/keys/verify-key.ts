import type { Env } from "../env";
import { sha256Hex } from "../lib/crypto";
import { cacheGet, cacheSet, type VerifiedKey } from "./key-cache";
import { isWellFormedKey, keyPrefix } from "./key-format";
import { countCheck, recordUse } from "./key-usage";

/**
 * The hot path: every key a program presents comes through here.
 * 1. Shape and checksum, with no I/O: a malformed or mistyped key costs no D1 query.
 * 2. One SHA-256: only hashes are stored.
 * 3. With the cache on (KEY_CACHE_TTL_SECONDS > 0), a key verified in this isolate within the TTL is answered from memory.
 * 4. Otherwise exactly one D1 query: an indexed point lookup on key_hash that also returns the owner and role,
 *    and the key's state (enabled, expiry, scope), refused here before anything is cached.
 *    It goes to the primary (no Sessions API here), so a key deleted a moment ago is not found.
 * 5. lastUsedAt and the day's count of checks are recorded in memory and written after the response,
 *    in batches (key-usage.ts). A refused known key (disabled, expired) is counted too; an unknown key has no row.
 */

/** Only waitUntil is needed; Hono's and workers-types' ExecutionContext types differ in the rest. */
export type WaitUntil = Pick<ExecutionContext, "waitUntil">;

export type KeyCheck =
  | { valid: true; key: VerifiedKey }
  | { valid: false; code: "MALFORMED" | "NOT_FOUND" | "EXPIRED" | "DISABLED" };

const LOOKUP_SQL = `SELECT k.id AS keyId, k.name AS keyName, k.scope, k.enabled, k.expires_at AS expiresAt,
  k.last_used_at AS lastUsedAt, u.id AS userId, u.username, u.role
  FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`;

interface LookupRow {
  keyId: number;
  keyName: string;
  scope: "read" | "full";
  enabled: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  userId: number;
  username: string;
  role: "admin" | "user";
}

// A prepared statement is only the SQL and its binding, so one per database serves every request in the isolate.
const statements = new WeakMap<D1Database, D1PreparedStatement>();
function lookupStatement(db: D1Database): D1PreparedStatement {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = db.prepare(LOOKUP_SQL)));
  return statement;
}

/** `country`: where the request came from (request.cf.country), recorded with the use. */
export async function verifyKey(env: Env, ctx: WaitUntil, key: string, country?: string): Promise<KeyCheck> {
  if (!isWellFormedKey(key, keyPrefix(env.KEY_PREFIX))) return { valid: false, code: "MALFORMED" };
  const keyHash = await sha256Hex(key);
  const now = Date.now();
  const ttlSeconds = Number(env.KEY_CACHE_TTL_SECONDS) || 0;

  if (ttlSeconds > 0) {
    const cached = cacheGet(keyHash, now);
    if (cached) {
      recordUse(env.DB, ctx, cached.keyId, null, now, country);
      return { valid: true, key: cached };
    }
  }

  const row = await lookupStatement(env.DB).bind(keyHash).first<LookupRow>();
  if (!row) return { valid: false, code: "NOT_FOUND" }; // never cached: a key created a moment from now must work at once
  if (!row.enabled || (row.expiresAt !== null && row.expiresAt <= now)) {
    countCheck(env.DB, ctx, row.keyId, false, now);
    return { valid: false, code: row.enabled ? "EXPIRED" : "DISABLED" };
  }
  const verified: VerifiedKey = {
    keyId: row.keyId,
    keyName: row.keyName,
    scope: row.scope,
    expiresAt: row.expiresAt,
    user: { id: row.userId, username: row.username, role: row.role },
  };
  // A cached entry never outlives the key's own expiry.
  if (ttlSeconds > 0) cacheSet(keyHash, verified, Math.min(now + ttlSeconds * 1000, row.expiresAt ?? Infinity));
  recordUse(env.DB, ctx, row.keyId, row.lastUsedAt, now, country);
  return { valid: true, key: verified };
}
