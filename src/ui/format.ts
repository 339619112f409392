/** Dates in the reader's own locale and time zone (the API sends ISO 8601 in UTC). */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "always" });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/**
 * "3 minutes ago", "in 7 days": the largest unit the rounded amount fills, so a 7-day key reads
 * "in 7 days" (not 6) a second after it is made, and 23 h 59 min reads "in 1 day" (not "in 24 hours").
 */
export function formatRelative(iso: string, now: number): string {
  const delta = new Date(iso).getTime() - now;
  const size = Math.abs(delta);
  if (Number.isNaN(size)) return iso;
  if (size < MINUTE) return delta <= 0 ? "just now" : "in under a minute";
  for (const [unit, length, below] of UNITS) {
    const amount = Math.round(size / length);
    if (amount < below) return relative.format(Math.sign(delta) * amount, unit);
  }
  return relative.format(Math.sign(delta) * Math.round(size / (365 * DAY)), "year");
}

/** For times that are past by nature (last used, an event): a server clock a little ahead never reads "in under a minute". */
export function formatAgo(iso: string, now: number): string {
  return formatRelative(iso, Math.max(now, new Date(iso).getTime()));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", MINUTE, 60],
  ["hour", HOUR, 24],
  ["day", DAY, 60],
  ["month", 30 * DAY, 24],
];

const regions = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(undefined, { type: "region" }) : undefined;

/** "Germany" for "DE"; the code itself where the browser has no name for it. */
export function countryName(code: string): string {
  try {
    return regions?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
