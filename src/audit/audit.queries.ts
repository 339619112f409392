import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { AuthContext } from "../access/caller";
import type { Db } from "../db/client";
import { type AuditEventType, auditEvents } from "../db/schema";

export interface AuditTarget {
  type: "key" | "user";
  id: number;
  name: string;
  owner: { id: number; username: string } | null;
  /** A key's hint. */
  hint?: string;
}

/** A key as the target of an event, with its hint: rolled keys share a name. */
export function keyTarget(key: { id: number; name: string; hint: string; owner: { id: number; username: string } }): AuditTarget {
  return { type: "key", id: key.id, name: key.name, hint: key.hint, owner: key.owner };
}

/** A user as the target of an event. A user is their own target owner: events about an account are visible to that account. */
export function userTarget(user: { id: number; username: string }): AuditTarget {
  return { type: "user", id: user.id, name: user.username, owner: { id: user.id, username: user.username } };
}

/** Records one event. Takes names, ids and an address only: there is no field a secret could go into by accident. */
export async function recordAudit(
  db: Db,
  event: { type: AuditEventType; actor: AuthContext | null; target: AuditTarget; ip: string | null; detail?: string },
): Promise<void> {
  const { actor, target } = event;
  await db.insert(auditEvents).values({
    type: event.type,
    actorId: actor?.user.id ?? null,
    actorUsername: actor?.user.username ?? null,
    actorKeyId: actor?.via === "apiKey" ? actor.key.id : null,
    targetType: target.type,
    targetId: target.id,
    targetName: target.name,
    targetHint: target.hint ?? null,
    targetOwnerId: target.owner?.id ?? null,
    targetOwnerUsername: target.owner?.username ?? null,
    detail: event.detail ?? null,
    ip: event.ip,
  });
}

export interface ListedAuditEvent {
  id: number;
  type: AuditEventType;
  createdAt: string;
  actor: { id: number; username: string; keyId: number | null } | null;
  target: { type: "key" | "user"; id: number; name: string; hint: string | null };
  targetOwner: { id: number; username: string } | null;
  detail: string | null;
  ip: string | null;
}

/** Newest first, `limit` at a time; `before` is the cursor (the id of the last event of the previous page). */
export interface AuditFilter {
  /** Events about this user's keys and account only (what a standard user may see). */
  ownerId?: number;
  type?: AuditEventType;
  /** Events by or about this user (their keys included). */
  userId?: number;
  /** Events about this key, or done through it. */
  keyId?: number;
  before?: number;
  limit: number;
}

export async function listAudit(db: Db, filter: AuditFilter): Promise<ListedAuditEvent[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.ownerId !== undefined) conditions.push(eq(auditEvents.targetOwnerId, filter.ownerId));
  if (filter.type !== undefined) conditions.push(eq(auditEvents.type, filter.type));
  if (filter.userId !== undefined) conditions.push(or(eq(auditEvents.actorId, filter.userId), eq(auditEvents.targetOwnerId, filter.userId)));
  if (filter.keyId !== undefined) {
    conditions.push(or(and(eq(auditEvents.targetType, "key"), eq(auditEvents.targetId, filter.keyId)), eq(auditEvents.actorKeyId, filter.keyId)));
  }
  if (filter.before !== undefined) conditions.push(lt(auditEvents.id, filter.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    createdAt: row.createdAt.toISOString(),
    actor: row.actorId === null ? null : { id: row.actorId, username: row.actorUsername ?? "", keyId: row.actorKeyId },
    target: { type: row.targetType, id: row.targetId, name: row.targetName, hint: row.targetHint },
    targetOwner: row.targetOwnerId === null ? null : { id: row.targetOwnerId, username: row.targetOwnerUsername ?? "" },
    detail: row.detail,
    ip: row.ip,
  }));
}
