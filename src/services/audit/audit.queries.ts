import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type AuditEventType, auditEvents } from "../../db/schema";
import { inTransaction, statement } from "../../db/transaction";

/**
 * What an event is about. The id may be SQL: a subquery naming a row that the same batch inserts
 * (a new key's id is not known before its INSERT has run).
 */
export interface AuditTarget {
  type: "key" | "user";
  id: number | SQL;
  name: string;
  owner: { id: number | SQL; username: string } | null;
  /** A key's hint (podk_…a1B2): rolled keys share a name, their hints tell them apart. Not secret. */
  hint?: string;
}

/** A key as the target of an event, with its hint. */
export function keyTarget(key: {
  id: number | SQL;
  name: string;
  hint: string;
  owner: { id: number | SQL; username: string };
}): AuditTarget {
  return { type: "key", id: key.id, name: key.name, hint: key.hint, owner: key.owner };
}

/** A user as the target of an event. A user is their own target owner: events about an account are visible to that account. */
export function userTarget(user: { id: number | SQL; username: string }): AuditTarget {
  return { type: "user", id: user.id, name: user.username, owner: { id: user.id, username: user.username } };
}

/** Who did it, as the event records them: a user, and the key they acted through if any (any AuthContext is one). */
export type AuditActor = { user: { id: number; username: string } } & ({ via: "session" } | { via: "apiKey"; key: { id: number } });

export interface AuditEvent {
  type: AuditEventType;
  actor: AuditActor | null;
  target: AuditTarget;
  ip: string | null;
  /** SQL where it names a row of the same batch (see AuditTarget). */
  detail?: string | SQL;
}

/**
 * One event, as a statement for inTransaction(): the audit row commits with the change it records, or
 * neither does. `when`: the row is written only if this condition holds at that point of the batch,
 * so an event is not recorded for a change that a guard in the same batch turned down (the key limit,
 * the last-admin rule, a row deleted meanwhile).
 * Takes names, ids and an address only: there is no field a secret could go into by accident.
 */
export function auditInsert(db: Db, event: AuditEvent, when: SQL = sql`1`) {
  const { target } = event;
  const columns = {
    type: target.type,
    id: target.id,
    name: target.name,
    hint: target.hint ?? null,
    ownerId: target.owner?.id ?? null,
    ownerUsername: target.owner?.username ?? null,
  };
  return auditInsertFrom(db, event, columns, sql`WHERE ${when}`);
}

/** A target's columns: values, or SQL naming a column of the rows `from` yields (one event per row). */
export interface AuditTargetColumns {
  type: "key" | "user";
  id: number | SQL;
  name: string | SQL;
  hint: string | null | SQL;
  ownerId: number | null | SQL;
  ownerUsername: string | null | SQL;
}

/**
 * The one INSERT INTO audit_events: an event by `event.actor` for each row that `from` (a FROM … WHERE …
 * or a bare WHERE) yields, its target's columns taken from those rows where they are SQL. Raw SQL,
 * because it is an INSERT … SELECT: the events name rows the same transaction is about to change
 * (every expired key, every sign-in key over the limit), which no prior read could list.
 */
export function auditInsertFrom(db: Db, event: Omit<AuditEvent, "target">, target: AuditTargetColumns, from: SQL) {
  const { actor } = event;
  return statement(
    db,
    sql`INSERT INTO audit_events (type, actor_id, actor_username, actor_key_id, target_type, target_id,
    target_name, target_hint, target_owner_id, target_owner_username, detail, ip)
    SELECT ${event.type}, ${actor?.user.id ?? null}, ${actor?.user.username ?? null},
      ${actor?.via === "apiKey" ? actor.key.id : null}, ${target.type}, ${target.id}, ${target.name}, ${target.hint},
      ${target.ownerId}, ${target.ownerUsername}, ${event.detail ?? null}, ${event.ip}
    ${from}`,
  );
}

/** Records one event on its own (an event that goes with no other write, such as a failed sign-in). */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await inTransaction(db, [auditInsert(db, event)]);
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
  if (filter.userId !== undefined)
    conditions.push(or(eq(auditEvents.actorId, filter.userId), eq(auditEvents.targetOwnerId, filter.userId)));
  if (filter.keyId !== undefined) {
    conditions.push(
      or(and(eq(auditEvents.targetType, "key"), eq(auditEvents.targetId, filter.keyId)), eq(auditEvents.actorKeyId, filter.keyId)),
    );
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
