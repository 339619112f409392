import type { ApiKey } from "../api";

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
