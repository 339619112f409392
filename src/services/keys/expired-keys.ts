import { sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import { inTransaction, statement } from "../../db/transaction";
import type { AuthContext } from "../../identity/caller";
import type { RequestScope } from "../../platform/request-scope";
import { auditInsertFrom } from "../audit/audit.queries";
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
  const db = createDb(scope.d1);
  const expired = sql`api_keys.expires_at IS NOT NULL AND api_keys.expires_at <= ${now}${ownerId === undefined ? sql`` : sql` AND api_keys.user_id = ${ownerId}`}`;
  const target = {
    type: "key" as const,
    id: sql`api_keys.id`,
    name: sql`api_keys.name`,
    hint: sql`api_keys.hint`,
    ownerId: sql`users.id`,
    ownerUsername: sql`users.username`,
  };
  const [, rows] = await inTransaction(db, [
    auditInsertFrom(
      db,
      { type: "key.deleted", actor, detail: "reason=expired", ip: scope.ip },
      target,
      sql`FROM api_keys JOIN users ON users.id = api_keys.user_id WHERE ${expired}`,
    ),
    // Raw: DELETE … RETURNING with the owner's name from a subquery, in the same batch as the events.
    statement<{ id: number; name: string; keyHash: string; ownerId: number; ownerUsername: string }>(
      db,
      sql`DELETE FROM api_keys WHERE ${expired}
       RETURNING id, name, key_hash AS keyHash, user_id AS ownerId,
         (SELECT username FROM users WHERE users.id = api_keys.user_id) AS ownerUsername`,
    ),
  ]);
  for (const row of rows) evictKey(row.keyHash);
  return rows.map((row) => ({ id: row.id, name: row.name, owner: { id: row.ownerId, username: row.ownerUsername } }));
}
