import type { Env } from "../env";
import { sha256Hex } from "../lib/crypto";
import { cacheGet, cacheSet, type VerifiedKey } from "./key-cache";
import { isWellFormedKey, keyPrefix } from "./key-format";

/**
 * The hot path: every program request with a key comes through here.
 * Shape and checksum first (no I/O), then one SHA-256, then at most one indexed D1 read that
 * also returns the owner. No ORM on this path: one prepared statement, reused per isolate.
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
  const ttlSeconds = Number(env.KEY_CACHE_TTL_SECONDS ?? 0);

  if (ttlSeconds > 0) {
    const cached = cacheGet(keyHash, now);
    if (cached) {
      recordUse(env.DB, ctx, cached.keyId, null, now, country);
      return { valid: true, key: cached };
    }
  }

  const row = await lookupStatement(env.DB).bind(keyHash).first<LookupRow>();
  if (!row) return { valid: false, code: "NOT_FOUND" };
  if (!row.enabled) return { valid: false, code: "DISABLED" };
  if (row.expiresAt !== null && row.expiresAt <= now) return { valid: false, code: "EXPIRED" };
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

/**
 * lastUsedAt is written after the response (waitUntil), at most once a minute per key per isolate:
 * a key used in a tight loop must not turn every read into a write.
 */
const USE_WRITE_INTERVAL_MS = 60_000;
const MAX_TRACKED_KEYS = 10_000;
const lastWrites = new Map<number, number>();

function recordUse(db: D1Database, ctx: WaitUntil, keyId: number, storedLastUsedAt: number | null, now: number, country?: string) {
  const lastWrite = lastWrites.get(keyId) ?? storedLastUsedAt; // null: never used, always recorded
  if (lastWrite !== null && now - lastWrite < USE_WRITE_INTERVAL_MS) return;
  if (lastWrites.size >= MAX_TRACKED_KEYS) lastWrites.clear();
  lastWrites.set(keyId, now);
  ctx.waitUntil(
    db
      .prepare("UPDATE api_keys SET last_used_at = ?, last_used_country = ? WHERE id = ?")
      .bind(now, country ?? null, keyId)
      .run()
      .catch(() => lastWrites.delete(keyId)),
  );
}
