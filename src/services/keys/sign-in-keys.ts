import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inTransaction, statement } from "../../db/transaction";
import { generateKey, keyHint } from "../../identity/key-format";
import type { User } from "../../identity/users.schemas";
import { sha256Hex } from "../../lib/crypto";
import { config } from "../../platform/config";
import type { Env } from "../../platform/env";
import { auditInsertFrom } from "../audit/audit.queries";
import { evictKey } from "./key-cache";
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

/** The user's sign-in keys beyond the newest MAX_SIGN_IN_KEYS. */
const excess = (userId: number) => sql`user_id = ${userId} AND kind = 'sign_in' AND id NOT IN
  (SELECT id FROM api_keys WHERE user_id = ${userId} AND kind = 'sign_in' ORDER BY id DESC LIMIT ${MAX_SIGN_IN_KEYS})`;

/** An audit event for each of the user's keys matching `where`, written by the user themself. */
function auditEach(
  db: Db,
  user: Pick<User, "id" | "username">,
  type: "key.created" | "key.deleted",
  where: SQL,
  detail: string,
  ip: string | null,
) {
  const actor = { via: "session" as const, user };
  const target = { type: "key" as const, id: sql`id`, name: sql`name`, hint: sql`hint`, ownerId: user.id, ownerUsername: user.username };
  return auditInsertFrom(db, { type, actor, detail, ip }, target, sql`FROM api_keys WHERE ${where}`);
}

function deleteWhere(db: Db, where: SQL) {
  return statement<{ key_hash: string }>(db, sql`DELETE FROM api_keys WHERE ${where} RETURNING key_hash`);
}

export async function mintSignInKey(env: Env, db: Db, user: User, name: string, ip: string | null): Promise<string> {
  const prefix = config(env).keyPrefix;
  const key = generateKey(prefix);
  const keyHash = await sha256Hex(key);
  const expiresAt = resolveExpiry(env, undefined, Date.now());
  const [, , , revoked] = await inTransaction(db, [
    statement(
      db,
      sql`INSERT INTO api_keys (user_id, name, key_hash, hint, scope, kind, expires_at)
      VALUES (${user.id}, ${name}, ${keyHash}, ${keyHint(key, prefix)}, 'full', 'sign_in', ${expiresAt?.getTime() ?? null})`,
    ),
    auditEach(db, user, "key.created", sql`key_hash = ${keyHash}`, "scope=full kind=sign_in", ip),
    auditEach(db, user, "key.deleted", excess(user.id), `sign-in key limit: at most ${MAX_SIGN_IN_KEYS}, the oldest goes`, ip),
    deleteWhere(db, excess(user.id)),
  ]);
  evictEnded(revoked);
  return key;
}

/**
 * The statements that end every sign-in key of a user (audited), for a caller's inTransaction(): a
 * password change, an admin's reset. Hand the last statement's rows to `evictEnded` afterwards.
 */
export function endSignInKeys(db: Db, user: Pick<User, "id" | "username">, reason: string, ip: string | null) {
  const where = sql`user_id = ${user.id} AND kind = 'sign_in'`;
  return [auditEach(db, user, "key.deleted", where, reason, ip), deleteWhere(db, where)] as const;
}

/** Drops ended keys from this isolate's cache. */
export function evictEnded(rows: readonly { key_hash: string }[] | undefined) {
  for (const row of rows ?? []) evictKey(row.key_hash);
}
