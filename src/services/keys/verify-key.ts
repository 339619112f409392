import type { z } from "@hono/zod-openapi";
import type { Role, Scope } from "../../db/schema";
import { isWellFormedKey } from "../../identity/key-format";
import { parseRestrictions } from "../../identity/key-restrictions";
import type { KeyCaller } from "../../identity/verified-key";
import { sha256Hex } from "../../lib/crypto";
import { DEPENDENCY_RETRY_AFTER_SECONDS, serviceUnavailable } from "../../lib/errors";
import { config } from "../../platform/config";
import type { Env, WaitUntil } from "../../platform/env";
import { cacheGet, cacheSet } from "./key-cache";
import { countCheck, recordUse } from "./key-usage";
import type { KeyRefusalSchema } from "./keys.schemas";

/**
 * The hot path: every key a program presents comes through here.
 * 1. Shape and checksum, with no I/O: a malformed or mistyped key costs no D1 query.
 * 2. One SHA-256: only hashes are stored.
 * 3. With the cache on (KEY_CACHE_TTL_SECONDS > 0), a key verified in this isolate within the TTL is answered from memory.
 * 4. Otherwise exactly one D1 query: an indexed point lookup on key_hash that also returns the owner and role,
 *    and the key's state (enabled, expiry, scope, leaked), refused here before anything is cached.
 *    It goes to the primary (no Sessions API here), so a key deleted a moment ago is not found.
 *    When D1 fails, the check fails closed: a 503 SERVICE_UNAVAILABLE with Retry-After, never "valid",
 *    and never the driver's message (it holds the SQL and the key's hash). Every path that checks a key
 *    comes through this function, so every one of them fails the same way.
 * 5. lastUsedAt and the day's count of checks are recorded in memory and written after the response,
 *    in batches (key-usage.ts). A refused known key (disabled, expired) is counted too; an unknown key has no row.
 */

export type KeyCheck = { valid: true; caller: KeyCaller; keyHash: string } | { valid: false; code: z.infer<typeof KeyRefusalSchema> };

const LOOKUP_SQL = `SELECT k.id, k.name, k.scope, k.enabled, k.expires_at AS expiresAt,
  k.last_used_at AS lastUsedAt, k.leaked_at AS leakedAt, k.permissions, k.podcast_ids AS podcastIds, k.network,
  k.rate_limit AS rateLimit, u.id AS userId, u.username, u.role
  FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`;

/** The lookup's row as D1 returns it: booleans and timestamps as numbers. */
interface LookupRow {
  id: number;
  name: string;
  scope: Scope;
  enabled: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  leakedAt: number | null;
  userId: number;
  username: string;
  role: Role;
  /** JSON text or null (key-restrictions.ts parses them once, before the key is cached). */
  permissions: string | null;
  podcastIds: string | null;
  network: string | null;
  rateLimit: string | null;
}

// A prepared statement is only the SQL and its binding, so one per database serves every request in the isolate.
const statements = new WeakMap<D1Database, D1PreparedStatement>();
function lookupStatement(db: D1Database): D1PreparedStatement {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = db.prepare(LOOKUP_SQL)));
  return statement;
}

/** D1 may be briefly unreachable (an overloaded primary, a deploy): clients are told to come back soon. */
export const KEY_CHECK_RETRY_AFTER_SECONDS = DEPENDENCY_RETRY_AFTER_SECONDS;

async function lookup(db: D1Database, keyHash: string): Promise<LookupRow | null> {
  try {
    return await lookupStatement(db).bind(keyHash).first<LookupRow>();
  } catch (error) {
    throw serviceUnavailable("Keys cannot be checked right now.", KEY_CHECK_RETRY_AFTER_SECONDS, error);
  }
}

/** `country`: where the request came from (request.cf.country), recorded with the use. */
export async function verifyKey(env: Env, ctx: WaitUntil, key: string, country?: string): Promise<KeyCheck> {
  const { keyPrefix, keyCacheTtlSeconds, recordKeyUsage } = config(env);
  if (!isWellFormedKey(key, keyPrefix)) return { valid: false, code: "MALFORMED" };
  const keyHash = await sha256Hex(key);
  const now = Date.now();

  if (keyCacheTtlSeconds > 0) {
    const cached = cacheGet(keyHash, now);
    if (cached) {
      if (recordKeyUsage) recordUse(env.DB, ctx, cached.key.id, null, now, country);
      return { valid: true, caller: cached, keyHash };
    }
  }

  const row = await lookup(env.DB, keyHash);
  if (!row) return { valid: false, code: "NOT_FOUND" }; // never cached: a key created a moment from now must work at once
  if (!row.enabled || (row.expiresAt !== null && row.expiresAt <= now)) {
    if (recordKeyUsage) countCheck(env.DB, ctx, row.id, false, now);
    // A leaked key is also disabled, so this costs a live key nothing; it is only told apart once refused.
    return { valid: false, code: row.leakedAt !== null ? "LEAKED" : row.enabled ? "EXPIRED" : "DISABLED" };
  }
  const caller: KeyCaller = {
    via: "apiKey",
    user: { id: row.userId, username: row.username, role: row.role },
    key: { id: row.id, name: row.name, scope: row.scope, expiresAt: row.expiresAt, ...parseRestrictions(row, row.scope, row.role) },
  };
  // A cached entry never outlives the key's own expiry.
  if (keyCacheTtlSeconds > 0) cacheSet(keyHash, caller, Math.min(now + keyCacheTtlSeconds * 1000, row.expiresAt ?? Infinity));
  if (recordKeyUsage) recordUse(env.DB, ctx, row.id, row.lastUsedAt, now, country);
  return { valid: true, caller, keyHash };
}
