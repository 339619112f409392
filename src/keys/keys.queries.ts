import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, users } from "../db/schema";

export interface ListedKey {
  id: number;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  owner: { id: number; username: string };
}

/** Never selects keyHash: list answers cannot leak it even by accident. */
export async function listKeys(db: Db, filter: { userId?: number; keyId?: number } = {}): Promise<ListedKey[]> {
  const conditions: SQL[] = [];
  if (filter.userId !== undefined) conditions.push(eq(apiKeys.userId, filter.userId));
  if (filter.keyId !== undefined) conditions.push(eq(apiKeys.id, filter.keyId));
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      hint: apiKeys.hint,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      ownerId: users.id,
      ownerUsername: users.username,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(...conditions))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    hint: row.hint,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    owner: { id: row.ownerId, username: row.ownerUsername },
  }));
}

/**
 * Inserts the key only while its owner has fewer than `maxKeys`: the count and the insert are one
 * statement, so parallel creates cannot overshoot the limit. Returns the new id, or undefined at the limit.
 */
export async function insertKeyWithinLimit(
  d1: D1Database | D1DatabaseSession,
  key: { userId: number; name: string; keyHash: string; hint: string },
  maxKeys: number,
): Promise<number | undefined> {
  const row = await d1
    .prepare(
      `INSERT INTO api_keys (user_id, name, key_hash, hint)
       SELECT ?1, ?2, ?3, ?4 WHERE (SELECT count(*) FROM api_keys WHERE user_id = ?1) < ?5
       RETURNING id`,
    )
    .bind(key.userId, key.name, key.keyHash, key.hint, maxKeys)
    .first<{ id: number }>();
  return row?.id;
}

/** Deletes one key; with `ownerId`, only if it belongs to that user. Returns the hash, to evict it from the cache. */
export async function deleteKey(db: Db, keyId: number, ownerId?: number): Promise<string | undefined> {
  const condition = ownerId === undefined ? eq(apiKeys.id, keyId) : and(eq(apiKeys.id, keyId), eq(apiKeys.userId, ownerId));
  const [row] = await db.delete(apiKeys).where(condition).returning({ keyHash: apiKeys.keyHash });
  return row?.keyHash;
}
