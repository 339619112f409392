import type { User as AuthUser } from "../users/users.schemas";
import type { Env } from "../env";
import { sha256Hex } from "../lib/crypto";
import { evictKey } from "./key-cache";
import { generateKey, keyHint, keyPrefix } from "./key-format";
import { resolveExpiry } from "./keys.service";

/**
 * Sign-in keys: what Pinepods' `get_key` hands a client that signed in with a password. Pinepods hands
 * back one stored key; Podkeys stores none it could hand back, so each sign-in mints a key — bounded
 * the way GitHub bounds OAuth tokens: at most 10 live per user, the 11th revokes the oldest (audited),
 * and all of them end when the password changes, like sessions. Keys made in the settings are untouched.
 * Every change here is one D1 batch (one transaction): a revocation never happens without its audit
 * event, and a new key never exists without the revocation that makes room for it.
 */
export const MAX_SIGN_IN_KEYS = 10;

type D1 = D1Database | D1DatabaseSession;

const AUDIT_COLUMNS = `(type, actor_id, actor_username, actor_key_id, target_type, target_id, target_name,
  target_owner_id, target_owner_username, detail, ip)`;

/** Sign-in keys of ?1 beyond the newest MAX_SIGN_IN_KEYS. */
const EXCESS = `user_id = ?1 AND kind = 'sign_in' AND id NOT IN
  (SELECT id FROM api_keys WHERE user_id = ?1 AND kind = 'sign_in' ORDER BY id DESC LIMIT ${MAX_SIGN_IN_KEYS})`;

/** An audit event for each of the user's keys matching `where`, written by the user themself. */
function auditEach(d1: D1, type: "key.created" | "key.deleted", where: string, detail: string) {
  return d1.prepare(
    `INSERT INTO audit_events ${AUDIT_COLUMNS}
     SELECT '${type}', ?1, ?2, NULL, 'key', id, name, ?1, ?2, '${detail}', ?3 FROM api_keys WHERE ${where}`,
  );
}

export async function mintSignInKey(env: Env, d1: D1, user: AuthUser, name: string, ip: string | null): Promise<string> {
  const prefix = keyPrefix(env.KEY_PREFIX);
  const key = generateKey(prefix);
  const keyHash = await sha256Hex(key);
  const expiresAt = resolveExpiry(env, undefined, Date.now());
  const [, , , revoked] = await d1.batch<{ key_hash: string }>([
    d1
      .prepare(`INSERT INTO api_keys (user_id, name, key_hash, hint, scope, kind, expires_at) VALUES (?1, ?2, ?3, ?4, 'full', 'sign_in', ?5)`)
      .bind(user.id, name, keyHash, keyHint(key, prefix), expiresAt?.getTime() ?? null),
    auditEach(d1, "key.created", "key_hash = ?4", "scope=full kind=sign_in").bind(user.id, user.username, ip, keyHash),
    auditEach(d1, "key.deleted", EXCESS, `sign-in key limit: at most ${MAX_SIGN_IN_KEYS}, the oldest goes`).bind(user.id, user.username, ip),
    d1.prepare(`DELETE FROM api_keys WHERE ${EXCESS} RETURNING key_hash`).bind(user.id),
  ]);
  for (const row of revoked?.results ?? []) evictKey(row.key_hash);
  return key;
}

/**
 * The statements that end every sign-in key of a user (audited), for a caller's batch: a password
 * change, an admin's reset. Hand the batch's results to `evictEnded` afterwards.
 */
export function endSignInKeysStatements(d1: D1, user: AuthUser, reason: string, ip: string | null): D1PreparedStatement[] {
  const where = "user_id = ?1 AND kind = 'sign_in'";
  return [
    auditEach(d1, "key.deleted", where, reason.replace(/'/g, "")).bind(user.id, user.username, ip),
    d1.prepare(`DELETE FROM api_keys WHERE ${where} RETURNING key_hash`).bind(user.id),
  ];
}

/** Drops ended keys from this isolate's cache (the last result of endSignInKeysStatements). */
export function evictEnded(result: D1Result<unknown> | undefined) {
  for (const row of (result?.results ?? []) as { key_hash: string }[]) evictKey(row.key_hash);
}
