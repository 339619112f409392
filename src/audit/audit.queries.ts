import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { AuthContext } from "../access/caller";
import type { Db } from "../db/client";
import { type AuditEventType, auditEvents } from "../db/schema";

export interface AuditTarget {
  type: "key" | "user";
  id: number;
  name: string;
  owner: { id: number; username: string } | null;
}

/** A user as the target of an event. A user is their own target owner: events about an account are visible to that account. */
export function userTarget(user: { id: number; username: string }): AuditTarget {
  return { type: "user", id: user.id, name: user.username, owner: { id: user.id, username: user.username } };
}

export interface AuditEvent {
  type: AuditEventType;
  actor: AuthContext | null;
  target: AuditTarget;
  ip: string | null;
  detail?: string;
}

/** Records one event. Takes names, ids and an address only: there is no field a secret could go into by accident. */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await auditInsert(db, event);
}

/** The insert itself, unawaited, for a `db.batch([...])` that must write the event with its change or not at all. */
export function auditInsert(db: Db, event: AuditEvent) {
  const { actor, target } = event;
  return db.insert(auditEvents).values({
    type: event.type,
    actorId: actor?.user.id ?? null,
    actorUsername: actor?.user.username ?? null,
    actorKeyId: actor?.via === "apiKey" ? actor.key.id : null,
    targetType: target.type,
    targetId: target.id,
    targetName: target.name,
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
  target: { type: "key" | "user"; id: number; name: string };
  targetOwner: { id: number; username: string } | null;
  detail: string | null;
  ip: string | null;
}

/** Newest first, `limit` at a time; `before` is the cursor (the id of the last event of the previous page). */
export async function listAudit(db: Db, filter: { ownerId?: number; before?: number; limit: number }): Promise<ListedAuditEvent[]> {
  const conditions: SQL[] = [];
  if (filter.ownerId !== undefined) conditions.push(eq(auditEvents.targetOwnerId, filter.ownerId));
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
    target: { type: row.targetType, id: row.targetId, name: row.targetName },
    targetOwner: row.targetOwnerId === null ? null : { id: row.targetOwnerId, username: row.targetOwnerUsername ?? "" },
    detail: row.detail,
    ip: row.ip,
  }));
}
