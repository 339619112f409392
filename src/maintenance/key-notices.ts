import { sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { inTransaction, statement } from "../db/transaction";
import type { Env } from "../platform/env";
import { auditInsert, keyTarget } from "../services/audit/audit.queries";
import { evictKey } from "../services/keys/key-cache";
import { deliverTo } from "../services/notifications/notify";

/**
 * The daily Cron Trigger's notices about keys (index.ts scheduled), each sent once per key (key_notices):
 * - a key that expires within 7 days (not the old key of a roll: its end is the point), to owners with `key_expiring` on;
 * - a key unused for 90 days (never used: counted from its creation), to owners with `key_unused` on; owners who
 *   chose `disableUnusedKeys` have it disabled too, audited as `key.disabled` with no actor.
 * The notice is recorded before it is sent, so a failing target is not retried every day (its failure shows
 * in Settings). Leaked, disabled and expired keys are left alone.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRING_WITHIN_DAYS = 7;
export const UNUSED_FOR_DAYS = 90;
const BATCH = 200;

interface NoticeRow {
  id: number;
  name: string;
  hint: string;
  keyHash: string;
  expiresAt: number | null;
  ownerId: number;
  ownerUsername: string;
  wantsNotice: number;
  disableUnused: number;
}

const wants = (event: string) => sql.raw(`EXISTS (SELECT 1 FROM json_each(t.events) WHERE value = '${event}')`);

async function candidates(env: Env, kind: "expiring" | "unused", now: number): Promise<NoticeRow[]> {
  const condition =
    kind === "expiring"
      ? sql`k.expires_at > ${now} AND k.expires_at <= ${now + EXPIRING_WITHIN_DAYS * DAY_MS} AND k.replaced_by_id IS NULL AND ${wants("key_expiring")}`
      : sql`coalesce(k.last_used_at, k.created_at) < ${now - UNUSED_FOR_DAYS * DAY_MS}
          AND (k.expires_at IS NULL OR k.expires_at > ${now}) AND (${wants("key_unused")} OR t.disable_unused_keys = 1)`;
  const db = createDb(env.DB);
  return db.all<NoticeRow>(sql`SELECT k.id, k.name, k.hint, k.key_hash AS keyHash, k.expires_at AS expiresAt,
      u.id AS ownerId, u.username AS ownerUsername, t.disable_unused_keys AS disableUnused,
      ${kind === "expiring" ? sql`1` : wants("key_unused")} AS wantsNotice
    FROM api_keys k JOIN users u ON u.id = k.user_id JOIN notification_targets t ON t.user_id = k.user_id
    WHERE k.enabled = 1 AND k.leaked_at IS NULL AND ${condition}
      AND NOT EXISTS (SELECT 1 FROM key_notices n WHERE n.key_id = k.id AND n.kind = ${kind})
    ORDER BY k.id LIMIT ${BATCH}`);
}

export async function sendKeyNotices(env: Env, now: number): Promise<{ expiring: number; unused: number; disabled: number }> {
  const db = createDb(env.DB);
  const counts = { expiring: 0, unused: 0, disabled: 0 };

  for (const key of await candidates(env, "expiring", now)) {
    const [claimed] = await inTransaction(db, [claim(db, key.id, "expiring")]);
    if (claimed.length === 0) continue; // another run got there first
    counts.expiring++;
    const days = Math.max(1, Math.ceil((key.expiresAt! - now) / DAY_MS));
    await deliverTo(env, key.ownerId, "key_expiring", {
      title: `Key "${key.name}" expires soon`,
      body: `Your key "${key.name}" (${key.hint}) expires in ${days} day${days === 1 ? "" : "s"}, on ${new Date(key.expiresAt!).toISOString().slice(0, 10)}. Roll it to keep its programs working.`,
      tags: ["hourglass"],
    });
  }

  for (const key of await candidates(env, "unused", now)) {
    const disable = key.disableUnused === 1;
    const target = keyTarget({ id: key.id, name: key.name, hint: key.hint, owner: { id: key.ownerId, username: key.ownerUsername } });
    const [claimed] = await inTransaction(db, [
      claim(db, key.id, "unused"),
      ...(disable
        ? [
            statement(db, sql`UPDATE api_keys SET enabled = 0 WHERE id = ${key.id} AND leaked_at IS NULL`),
            auditInsert(db, { type: "key.disabled", actor: null, target, detail: `unused for ${UNUSED_FOR_DAYS} days`, ip: null }),
          ]
        : []),
    ]);
    if (claimed.length === 0) continue;
    counts.unused++;
    if (disable) {
      counts.disabled++;
      evictKey(key.keyHash);
    }
    if (key.wantsNotice === 1) {
      await deliverTo(env, key.ownerId, "key_unused", {
        title: `Key "${key.name}" unused for ${UNUSED_FOR_DAYS} days`,
        body: `Your key "${key.name}" (${key.hint}) was not used for ${UNUSED_FOR_DAYS} days${disable ? " and has been disabled (you can enable it again in Podkeys' settings)" : ". Delete it if nothing needs it"}.`,
        tags: ["zzz"],
      });
    }
  }
  return counts;
}

function claim(db: ReturnType<typeof createDb>, keyId: number, kind: "expiring" | "unused") {
  return statement<{ keyId: number }>(
    db,
    sql`INSERT INTO key_notices (key_id, kind) VALUES (${keyId}, ${kind}) ON CONFLICT DO NOTHING RETURNING key_id AS keyId`,
  );
}
