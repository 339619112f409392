import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { originLinks, users } from "../../db/schema";
import type { User as AuthUser } from "../../identity/users.schemas";

/** Queries on origin_links. The sealed key is selected only where it is about to be opened. */

export interface OriginLinkView {
  originUserId: number;
  originUsername: string;
  linkedAt: string;
  /** When the origin refused the sealed key (forwarding answers 409 ORIGIN_LINK_REVOKED); null while it works. */
  revokedAt: string | null;
}

export async function findLink(db: Db, userId: number): Promise<OriginLinkView | undefined> {
  const [row] = await db
    .select({
      originUserId: originLinks.originUserId,
      originUsername: originLinks.originUsername,
      linkedAt: originLinks.linkedAt,
      revokedAt: originLinks.revokedAt,
    })
    .from(originLinks)
    .where(eq(originLinks.userId, userId));
  return row && { ...row, linkedAt: row.linkedAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}

/**
 * For forwarding: the origin user id, the sealed key and whether the link is revoked, in one indexed read
 * by primary key. Raw SQL: it runs on every forwarded request (the gateway's hot path, beside the key
 * lookup), with no ORM between.
 */
const SEALED_SQL =
  "SELECT origin_user_id AS originUserId, origin_key_sealed AS sealed, revoked_at AS revokedAt FROM origin_links WHERE user_id = ?";
export async function findSealedLink(d1: D1Database, userId: number) {
  return d1.prepare(SEALED_SQL).bind(userId).first<{ originUserId: number; sealed: string; revokedAt: number | null }>();
}

/** The origin user id a linked user goes by, for Pinepods-shaped answers. */
export async function findOriginUserId(db: Db, userId: number): Promise<number | undefined> {
  const [row] = await db.select({ id: originLinks.originUserId }).from(originLinks).where(eq(originLinks.userId, userId));
  return row?.id;
}

/** The Podkeys user linked to an origin user id. */
export async function findUserByOriginId(db: Db, originUserId: number): Promise<AuthUser | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role })
    .from(originLinks)
    .innerJoin(users, eq(users.id, originLinks.userId))
    .where(eq(originLinks.originUserId, originUserId))
    .limit(1);
  return row;
}

/** Administrators: who is linked to which Pinepods account. */
export async function listLinks(db: Db) {
  const rows = await db
    .select({
      userId: originLinks.userId,
      username: users.username,
      originUserId: originLinks.originUserId,
      originUsername: originLinks.originUsername,
      linkedAt: originLinks.linkedAt,
    })
    .from(originLinks)
    .innerJoin(users, eq(users.id, originLinks.userId))
    .orderBy(asc(originLinks.userId));
  return rows.map((row) => ({ ...row, linkedAt: row.linkedAt.toISOString() }));
}

/**
 * Replaces a link's sealed key with the same key sealed under the current VAULT_KEY, unless the link
 * changed meanwhile (the old sealed value is the guard): the statement, to run alone or in a batch.
 */
export function resealLink(d1: D1Database, userId: number, old: string, sealed: { sealed: string; keyId: string }) {
  return d1
    .prepare("UPDATE origin_links SET origin_key_sealed = ?, vault_key_id = ? WHERE user_id = ? AND origin_key_sealed = ?")
    .bind(sealed.sealed, sealed.keyId, userId, old);
}
