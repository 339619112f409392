import { errorName, writeLog } from "../../lib/log";
import type { WaitUntil } from "../../platform/env";

/**
 * What a key check leaves behind, written after the response and never on the request's path:
 *
 * lastUsedAt
 * - At most once a minute per key per isolate: a key polled in a tight loop must not turn every read into a write.
 * - The first use of a never-used key is always recorded.
 * - Advisory, not a control: a batch lost with its isolate only leaves it a minute or so behind.
 *
 * Daily counts (key_usage_daily): every check of a known key, accepted or refused (disabled, expired),
 * counted exactly — one Map increment in memory per check, added to the day's row by the next flush.
 *
 * Both are batched: the first check to record something schedules one flush, through that request's
 * waitUntil, for everything recorded in the next FLUSH_AFTER_MS. D1 has one primary that serialises
 * writes; an isolate serving thousands of checks sends it one small write a moment instead of one per
 * check (one D1 batch: an UPDATE for lastUsedAt when one is due, an upsert for the counts).
 */
export const USE_WRITE_INTERVAL_MS = 60_000;
export const FLUSH_AFTER_MS = 250;
/** Keys remembered per isolate; past this the oldest is forgotten (and may be written again within its minute). */
const MAX_TRACKED_KEYS = 50_000;
/** Counts kept for a retry after a failed flush, at most; past this they are dropped (and logged). */
const MAX_PENDING_COUNTS = 50_000;

const lastWrites = new Map<number, number>();
/** keyId → [time of use, country of use]. */
let pendingUses = new Map<number, [number, string | null]>();
/** "keyId day" → [keyId, day, valid, refused]. */
let pendingCounts = new Map<string, [number, string, number, number]>();
let flushScheduled = false;

/** The UTC day of a time, as key_usage_daily stores it. */
export const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

function scheduleFlush(db: D1Database, ctx: WaitUntil) {
  if (flushScheduled) return;
  flushScheduled = true;
  ctx.waitUntil(flushAfterDelay(db));
}

export function recordUse(
  db: D1Database,
  ctx: WaitUntil,
  keyId: number,
  storedLastUsedAt: number | null,
  now: number,
  country?: string,
): void {
  countCheck(db, ctx, keyId, true, now);
  const lastWrite = lastWrites.get(keyId) ?? storedLastUsedAt; // null: never used, so always recorded
  if (lastWrite !== null && now - lastWrite < USE_WRITE_INTERVAL_MS) return;
  // Delete, then set: Map order stays the order of writes, so the first entry is the oldest.
  lastWrites.delete(keyId);
  if (lastWrites.size >= MAX_TRACKED_KEYS) lastWrites.delete(lastWrites.keys().next().value!);
  lastWrites.set(keyId, now);
  pendingUses.set(keyId, [now, country ?? null]);
}

/** One check of a known key: accepted, or refused because it is disabled or expired. */
export function countCheck(db: D1Database, ctx: WaitUntil, keyId: number, accepted: boolean, now: number): void {
  const day = utcDay(now);
  const slot = `${keyId} ${day}`;
  const counts = pendingCounts.get(slot) ?? [keyId, day, 0, 0];
  counts[accepted ? 2 : 3] += 1;
  pendingCounts.set(slot, counts);
  scheduleFlush(db, ctx);
}

/**
 * A use the check accepted (and counted valid) that the key's own narrowing then refused — its
 * permissions, owner, podcasts, fence or rate limit: moved from valid to refused in the day's count.
 */
export function countRefusal(db: D1Database, ctx: WaitUntil, keyId: number, now: number): void {
  const day = utcDay(now);
  const slot = `${keyId} ${day}`;
  const counts = pendingCounts.get(slot) ?? [keyId, day, 0, 0];
  counts[2] -= 1;
  counts[3] += 1;
  pendingCounts.set(slot, counts);
  scheduleFlush(db, ctx);
}

async function flushAfterDelay(db: D1Database): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, FLUSH_AFTER_MS));
  const uses = pendingUses;
  const counts = pendingCounts;
  pendingUses = new Map();
  pendingCounts = new Map();
  flushScheduled = false;
  const statements: D1PreparedStatement[] = [];
  // One statement each for the whole batch: rows travel as one JSON parameter (D1 caps bound parameters at 100).
  // Raw SQL: json_each() and UPDATE … FROM have no Drizzle builder.
  if (uses.size > 0) {
    const batch = JSON.stringify([...uses].map(([keyId, [at, country]]) => [keyId, at, country]));
    statements.push(
      db
        .prepare(
          `UPDATE api_keys SET last_used_at = u.value ->> 1, last_used_country = u.value ->> 2
           FROM json_each(?) AS u WHERE api_keys.id = u.value ->> 0`,
        )
        .bind(batch),
    );
  }
  if (counts.size > 0) {
    // A key deleted since its check has no row to count against (and its counts went with it).
    statements.push(
      db
        .prepare(
          `INSERT INTO key_usage_daily (key_id, day, valid, refused)
           SELECT c.value ->> 0, c.value ->> 1, max(0, c.value ->> 2), c.value ->> 3 FROM json_each(?) AS c
           WHERE EXISTS (SELECT 1 FROM api_keys WHERE api_keys.id = c.value ->> 0)
           ON CONFLICT (key_id, day) DO UPDATE SET valid = max(0, valid + excluded.valid), refused = refused + excluded.refused`,
        )
        .bind(JSON.stringify([...counts.values()])),
    );
  }
  try {
    if (statements.length === 1) await statements[0]!.run();
    else await db.batch(statements);
  } catch (error) {
    // The error's kind only: a driver's message carries the statement and its parameters.
    writeLog("error", { event: "key_usage_write_failed", keys: uses.size, counts: counts.size, error: errorName(error) });
    // Let the next use retry lastUsedAt: forget that these keys were written.
    for (const keyId of uses.keys()) lastWrites.delete(keyId);
    // Counts are exact: keep them for the next flush (a later check schedules it), within a bound.
    for (const [slot, [keyId, day, valid, refused]] of counts) {
      const kept = pendingCounts.get(slot);
      if (kept) {
        kept[2] += valid;
        kept[3] += refused;
      } else if (pendingCounts.size < MAX_PENDING_COUNTS) pendingCounts.set(slot, [keyId, day, valid, refused]);
    }
  }
}
