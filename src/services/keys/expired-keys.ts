import type { AuthContext } from "../../identity/caller";
import type { RequestScope } from "../../platform/request-scope";
import { evictKey } from "./key-cache";

/**
 * "Delete expired keys": every key whose expiry has passed — including the old key of a roll once its
 * grace is over, which is an expiry like any other — in one transaction with its audit events.
 * Both statements name the same keys (the same owner condition and the same `now`), and D1's batch
 * runs them as one transaction: either every expired key is gone and logged, or nothing changed.
 */
export interface DeletedExpiredKey {
  id: number;
  name: string;
  owner: { id: number; username: string };
}

/** `ownerId` undefined: every user's keys (an administrator's session). */
export async function deleteExpiredKeys(
  actor: AuthContext,
  ownerId: number | undefined,
  scope: RequestScope,
): Promise<DeletedExpiredKey[]> {
  const now = Date.now();
  const expired = `api_keys.expires_at IS NOT NULL AND api_keys.expires_at <= ?${ownerId === undefined ? "" : " AND api_keys.user_id = ?"}`;
  const expiredParams = ownerId === undefined ? [now] : [now, ownerId];
  const audit = scope.d1
    .prepare(
      `INSERT INTO audit_events (type, actor_id, actor_username, actor_key_id, target_type, target_id, target_name,
         target_hint, target_owner_id, target_owner_username, detail, ip)
       SELECT 'key.deleted', ?, ?, ?, 'key', api_keys.id, api_keys.name, api_keys.hint, users.id, users.username, 'reason=expired', ?
       FROM api_keys JOIN users ON users.id = api_keys.user_id WHERE ${expired}`,
    )
    .bind(actor.user.id, actor.user.username, actor.via === "apiKey" ? actor.key.id : null, scope.ip, ...expiredParams);
  const remove = scope.d1
    .prepare(
      `DELETE FROM api_keys WHERE ${expired}
       RETURNING id, name, key_hash AS keyHash, user_id AS ownerId,
         (SELECT username FROM users WHERE users.id = api_keys.user_id) AS ownerUsername`,
    )
    .bind(...expiredParams);
  const [, deleted] = await scope.d1.batch<{ id: number; name: string; keyHash: string; ownerId: number; ownerUsername: string }>([
    audit,
    remove,
  ]);
  const rows = deleted!.results;
  for (const row of rows) evictKey(row.keyHash);
  return rows.map((row) => ({ id: row.id, name: row.name, owner: { id: row.ownerId, username: row.ownerUsername } }));
}
