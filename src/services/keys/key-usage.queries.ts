import { utcDay } from "./key-usage";

const DAY_MS = 86_400_000;

export interface UsageDay {
  date: string;
  valid: number;
  refused: number;
}

/**
 * The last `days` UTC days of a key's checks, oldest first, ending today; days without a check are
 * zeros, so a chart needs no gaps filled. Counts still in an isolate's memory (at most FLUSH_AFTER_MS
 * old) arrive with the next flush.
 */
export async function readKeyUsage(d1: D1Database | D1DatabaseSession, keyId: number, days: number, now: number): Promise<UsageDay[]> {
  const dates = Array.from({ length: days }, (_, index) => utcDay(now - (days - 1 - index) * DAY_MS));
  const { results } = await d1
    .prepare("SELECT day, valid, refused FROM key_usage_daily WHERE key_id = ? AND day >= ? ORDER BY day")
    .bind(keyId, dates[0])
    .all<{ day: string; valid: number; refused: number }>();
  const byDay = new Map(results.map((row) => [row.day, row]));
  return dates.map((date) => ({ date, valid: byDay.get(date)?.valid ?? 0, refused: byDay.get(date)?.refused ?? 0 }));
}
