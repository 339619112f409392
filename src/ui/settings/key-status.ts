import type { ApiKey } from "../api";
import { DAY, formatAgo, formatDay, formatRelative } from "../format";

export type KeyState = "active" | "expiring" | "expired" | "disabled" | "replaced" | "leaked";

/** Within this many days an expiry reads "Expires in 12 days"; further out, as the date. */
const RELATIVE_DAYS = 30;
/** Within this many days it is also marked as a warning: time to roll the key or make a new one. */
const WARN_DAYS = 7;

/**
 * What a key's Status cell says. Expired wins over disabled: enabling an expired key would not
 * bring it back, so "Expired" is the state that tells the user what to do (delete or replace it).
 */
export function keyStatus(key: ApiKey, now: number): { state: KeyState; label: string } {
  // Leaked wins over everything: it can never work again, whatever its expiry (src/leaks/).
  if (key.leak) return { state: "leaked", label: `Leaked — revoked ${formatAgo(key.leak.at, now)}` };
  const expiresAt = key.expiresAt === null ? null : new Date(key.expiresAt).getTime();
  if (expiresAt !== null && expiresAt <= now) return { state: "expired", label: "Expired" };
  // The old key of a roll, in its grace: it works, but only until the app has the new key.
  if (key.replacedById !== null) return { state: "replaced", label: `Replaced, stops ${formatRelative(key.expiresAt!, now)}` };
  if (!key.enabled) return { state: "disabled", label: "Disabled" };
  if (expiresAt === null) return { state: "active", label: "Active" };
  const days = Math.round((expiresAt - now) / DAY);
  if (days <= RELATIVE_DAYS)
    return { state: days <= WARN_DAYS ? "expiring" : "active", label: `Expires ${formatRelative(key.expiresAt!, now)}` };
  return { state: "active", label: `Expires ${formatDay(key.expiresAt!)}` };
}

export const SCOPE_LABELS: Record<ApiKey["scope"], string> = { read: "Read only", full: "Full access" };
