import { and, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, type Scope, users } from "../db/schema";
import type { ListedKey } from "./keys.schemas";

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
      ownerId: users.id,
      ownerUsername: users.username,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(...conditions))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(({ ownerId, ownerUsername, ...row }) => ({
    ...row,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    owner: { id: ownerId, username: ownerUsername },
  }));
}

/** One key with what the lifecycle rules need (its hash only to evict it from the cache). */
export async function findKey(db: Db, keyId: number) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      expiresAt: apiKeys.expiresAt,
      keyHash: apiKeys.keyHash,
      owner: { id: users.id, username: users.username },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.id, keyId));
  return row;
}
export type FoundKey = NonNullable<Awaited<ReturnType<typeof findKey>>>;

/**
 * Inserts the key only while its owner has fewer than `maxKeys` settings keys (sign-in keys have their
 * own bound, sign-in-keys.ts): the count and the insert are one statement, so parallel creates cannot
 * overshoot the limit. Returns the new id, or undefined at the limit.
 */
export async function insertKeyWithinLimit(
  d1: D1Database | D1DatabaseSession,
  key: { userId: number; name: string; keyHash: string; hint: string; scope: Scope; expiresAt: Date | null },
  maxKeys: number,
): Promise<number | undefined> {
  const row = await d1
    .prepare(
      `INSERT INTO api_keys (user_id, name, key_hash, hint, scope, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT count(*) FROM api_keys WHERE user_id = ?1 AND kind = 'settings') < ?7
       RETURNING id`,
    )
    .bind(key.userId, key.name, key.keyHash, key.hint, key.scope, key.expiresAt?.getTime() ?? null, maxKeys)
    .first<{ id: number }>();
  return row?.id;
}

export async function deleteKeyById(db: Db, keyId: number): Promise<boolean> {
  const deleted = await db.delete(apiKeys).where(eq(apiKeys.id, keyId)).returning({ id: apiKeys.id });
  return deleted.length > 0;
}

export async function updateKey(db: Db, keyId: number, changes: { enabled?: boolean; expiresAt?: Date }): Promise<void> {
  await db.update(apiKeys).set(changes).where(eq(apiKeys.id, keyId));
}
