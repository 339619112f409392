import { and, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type ApiKeyRow, apiKeys, type Scope, users } from "../../db/schema";
import { statement } from "../../db/transaction";
import { keyRestrictions, restrictionsView } from "../../identity/key-restrictions";
import type { ListedKey } from "./keys.schemas";

/** The narrowing columns as stored (null: not narrowed; permissions null: the scope decides). */
export type StoredRestrictions = Pick<ApiKeyRow, "permissions" | "podcastIds" | "network" | "rateLimit">;

export interface KeyFilter {
  userId?: number;
  keyId?: number;
  /** Keys not used since this time (never-used keys count from their creation). */
  unusedSince?: Date;
}

/** Never selects keyHash: list answers cannot leak it even by accident. */
export async function listKeys(db: Db, filter: KeyFilter = {}): Promise<ListedKey[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.userId !== undefined) conditions.push(eq(apiKeys.userId, filter.userId));
  if (filter.keyId !== undefined) conditions.push(eq(apiKeys.id, filter.keyId));
  if (filter.unusedSince !== undefined) {
    const since = filter.unusedSince;
    conditions.push(or(lt(apiKeys.lastUsedAt, since), and(isNull(apiKeys.lastUsedAt), lt(apiKeys.createdAt, since))));
  }
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      kind: apiKeys.kind,
      enabled: apiKeys.enabled,
      expiresAt: apiKeys.expiresAt,
      hint: apiKeys.hint,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedCountry: apiKeys.lastUsedCountry,
      note: apiKeys.note,
      replacedById: apiKeys.replacedById,
      permissions: apiKeys.permissions,
      podcastIds: apiKeys.podcastIds,
      network: apiKeys.network,
      rateLimit: apiKeys.rateLimit,
      leakedAt: apiKeys.leakedAt,
      leakSource: apiKeys.leakSource,
      leakUrl: apiKeys.leakUrl,
      ownerId: users.id,
      ownerUsername: users.username,
      ownerRole: users.role,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(...conditions))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(
    ({ ownerId, ownerUsername, ownerRole, permissions, podcastIds, network, rateLimit, leakedAt, leakSource, leakUrl, ...row }) => ({
      ...row,
      ...restrictionsView(keyRestrictions({ permissions, podcastIds, network, rateLimit }, row.scope, ownerRole)),
      leak: leakedAt ? { at: leakedAt.toISOString(), source: leakSource ?? "report", url: leakUrl } : null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      owner: { id: ownerId, username: ownerUsername },
    }),
  );
}

/** One key with what the lifecycle rules need (its hash only to evict it from the cache). */
export async function findKey(db: Db, keyId: number) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      note: apiKeys.note,
      hint: apiKeys.hint,
      scope: apiKeys.scope,
      enabled: apiKeys.enabled,
      expiresAt: apiKeys.expiresAt,
      keyHash: apiKeys.keyHash,
      permissions: apiKeys.permissions,
      podcastIds: apiKeys.podcastIds,
      network: apiKeys.network,
      rateLimit: apiKeys.rateLimit,
      leakedAt: apiKeys.leakedAt,
      owner: { id: users.id, username: users.username, role: users.role },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.id, keyId));
  return row;
}
export type FoundKey = NonNullable<Awaited<ReturnType<typeof findKey>>>;

/**
 * Inserts the key only while its owner has fewer than `maxKeys` settings keys (sign-in keys have their own
 * bound, sign-in-keys.ts) and `also` holds: the count and the
 * insert are one statement, so parallel creates cannot overshoot the limit. A statement for inTransaction();
 * its row is the new id, none when nothing was inserted.
 */
export function insertKeyWithinLimit(
  db: Db,
  key: { userId: number; name: string; keyHash: string; hint: string; scope: Scope; expiresAt: Date | null } & StoredRestrictions,
  maxKeys: number,
  also: SQL = sql`1`,
) {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return statement<{ id: number }>(
    db,
    sql`INSERT INTO api_keys (user_id, name, key_hash, hint, scope, expires_at, permissions, podcast_ids, network, rate_limit)
    SELECT ${key.userId}, ${key.name}, ${key.keyHash}, ${key.hint}, ${key.scope}, ${key.expiresAt?.getTime() ?? null},
      ${json(key.permissions)}, ${json(key.podcastIds)}, ${json(key.network)}, ${json(key.rateLimit)}
    WHERE (SELECT count(*) FROM api_keys WHERE user_id = ${key.userId} AND kind = 'settings') < ${maxKeys} AND ${also}
    RETURNING id`,
  );
}

/** The id of the key with this hash, as SQL: names a key that an earlier statement of the same batch inserted. */
export function keyIdByHash(keyHash: string): SQL {
  return sql`(SELECT id FROM api_keys WHERE key_hash = ${keyHash})`;
}

export function keyExists(key: { id: number } | { keyHash: string }): SQL {
  return "id" in key
    ? sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${key.id})`
    : sql`EXISTS (SELECT 1 FROM api_keys WHERE key_hash = ${key.keyHash})`;
}

/** Statements for inTransaction(). */
export function deleteKeyById(db: Db, keyId: number) {
  return db.delete(apiKeys).where(eq(apiKeys.id, keyId)).returning({ id: apiKeys.id });
}

export function updateKey(
  db: Db,
  keyId: number,
  // replacedById may be SQL: the id of a successor inserted earlier in the same batch.
  changes: { enabled?: boolean; expiresAt?: Date; name?: string; note?: string | null; replacedById?: number | SQL },
  onlyIf: SQL = sql`1`,
) {
  return db
    .update(apiKeys)
    .set(changes)
    .where(and(eq(apiKeys.id, keyId), onlyIf));
}
