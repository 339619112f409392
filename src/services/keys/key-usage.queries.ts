import { and, eq, gte } from "drizzle-orm";
import { createDb } from "../../db/client";
import { keyUsageDaily } from "../../db/schema";
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
  const results = await createDb(d1)
    .select({ day: keyUsageDaily.day, valid: keyUsageDaily.valid, refused: keyUsageDaily.refused })
    .from(keyUsageDaily)
    .where(and(eq(keyUsageDaily.keyId, keyId), gte(keyUsageDaily.day, dates[0]!)))
    .orderBy(keyUsageDaily.day);
  const byDay = new Map(results.map((row) => [row.day, row]));
  return dates.map((date) => ({ date, valid: byDay.get(date)?.valid ?? 0, refused: byDay.get(date)?.refused ?? 0 }));
}
