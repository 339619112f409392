import type { WaitUntil } from "../env";
import { errorName, writeLog } from "../lib/log";

/**
 * lastUsedAt, written after the response and never on the request's path.
 * - At most once a minute per key per isolate: a key polled in a tight loop must not turn every read into a write.
 * - The first use of a never-used key is always recorded.
 * - Uses are batched: the first use to record schedules one UPDATE, through that request's waitUntil,
 *   for every key used in the next FLUSH_AFTER_MS. D1 has one primary that serialises writes; an
 *   isolate serving thousands of keys sends it one small write a moment instead of one per key.
 * A batch lost with its isolate only leaves lastUsedAt a minute or so behind: it is advisory, not a control.
 */
export const USE_WRITE_INTERVAL_MS = 60_000;
export const FLUSH_AFTER_MS = 250;
/** Keys remembered per isolate; past this the oldest is forgotten (and may be written again within its minute). */
const MAX_TRACKED_KEYS = 50_000;

const lastWrites = new Map<number, number>();
/** keyId → [time of use, country of use]. */
let pending: Map<number, [number, string | null]> | undefined;

export function recordUse(
  db: D1Database,
  ctx: WaitUntil,
  keyId: number,
  storedLastUsedAt: number | null,
  now: number,
  country?: string,
): void {
  const lastWrite = lastWrites.get(keyId) ?? storedLastUsedAt; // null: never used, so always recorded
  if (lastWrite !== null && now - lastWrite < USE_WRITE_INTERVAL_MS) return;
  // Delete, then set: Map order stays the order of writes, so the first entry is the oldest.
  lastWrites.delete(keyId);
  if (lastWrites.size >= MAX_TRACKED_KEYS) lastWrites.delete(lastWrites.keys().next().value!);
  lastWrites.set(keyId, now);
  if (pending) {
    pending.set(keyId, [now, country ?? null]);
    return;
  }
  pending = new Map([[keyId, [now, country ?? null]]]);
  ctx.waitUntil(flushAfterDelay(db));
}

async function flushAfterDelay(db: D1Database): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, FLUSH_AFTER_MS));
  const uses = pending!;
  pending = undefined;
  // One statement for the whole batch: ids and times travel as one JSON parameter (D1 caps bound parameters at 100).
  const batch = JSON.stringify([...uses].map(([keyId, [at, country]]) => [keyId, at, country]));
  try {
    await db
      .prepare(
        `UPDATE api_keys SET last_used_at = u.value ->> 1, last_used_country = u.value ->> 2
         FROM json_each(?) AS u WHERE api_keys.id = u.value ->> 0`,
      )
      .bind(batch)
      .run();
  } catch (error) {
    // The error's kind only: a driver's message carries the statement and its parameters.
    writeLog("error", { event: "last_used_at_write_failed", keys: uses.size, error: errorName(error) });
    // Let the next use retry: forget that these keys were written.
    for (const keyId of uses.keys()) lastWrites.delete(keyId);
  }
}
