import type { ApiKey } from "../api";
import { DAY } from "../format";

/** Who reported a leaked key, in words. */
export const LEAK_SOURCE_LABELS: Record<NonNullable<ApiKey["leak"]>["source"], string> = {
  github: "GitHub",
  gitlab: "GitLab",
  report: "a public report",
};

/** "reported by GitHub at https://…": the second half of a leaked key's status. */
export function leakReport(leak: NonNullable<ApiKey["leak"]>): string {
  return `reported by ${LEAK_SOURCE_LABELS[leak.source]}${leak.url ? ` at ${leak.url}` : ""}`;
}

/** The choices of the create dialog's Expires list that a replacement can copy. */
const PRESET_DAYS = [7, 30, 90, 365];

export interface KeyTemplate {
  name: string;
  scope: ApiKey["scope"];
  /** "never", one of the preset day counts, or "custom" with `days` from now. */
  expiry: "never" | "7" | "30" | "90" | "365" | "custom";
  days?: number;
}

/**
 * What *Create a replacement* fills in: the leaked key's name, access and expiry choice (its lifetime from
 * creation, as the create dialog offers it: a preset when it was one, otherwise the same number of days).
 */
export function replacementOf(key: ApiKey): KeyTemplate {
  const base = { name: key.name, scope: key.scope };
  if (key.expiresAt === null) return { ...base, expiry: "never" };
  const days = Math.max(1, Math.round((new Date(key.expiresAt).getTime() - new Date(key.createdAt).getTime()) / DAY));
  return PRESET_DAYS.includes(days) ? { ...base, expiry: String(days) as KeyTemplate["expiry"] } : { ...base, expiry: "custom", days };
}
