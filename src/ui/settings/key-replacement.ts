import type { ApiKey } from "../api";
import { DAY } from "../format";
import type { Expiry } from "./expiry-field";
import { type AccessDraft, initialAccess } from "./key-access-fields";

// Apart from leaked-key.ts (which the key list imports at first paint): this needs the access fields, so it
// loads with the create dialog that uses it.

/** The choices of the create dialog's Expires list that a replacement can copy. */
const PRESET_DAYS = [7, 30, 90, 365];

export interface KeyTemplate {
  name: string;
  /** The create dialog's access choices: the same permissions, podcasts, network fence and rate limit. */
  access: AccessDraft;
  /** "never", one of the preset day counts, or "custom" with `days` from now. */
  expiry: Expiry;
  days?: number;
}

/**
 * What *Create a replacement* fills in: the leaked key's name, access and expiry choice (its lifetime from
 * creation, as the create dialog offers it: a preset when it was one, otherwise the same number of days).
 */
export function replacementOf(key: ApiKey): KeyTemplate {
  const base = { name: key.name, access: accessOfKey(key) };
  if (key.expiresAt === null) return { ...base, expiry: "never" };
  const days = Math.max(1, Math.round((new Date(key.expiresAt).getTime() - new Date(key.createdAt).getTime()) / DAY));
  return PRESET_DAYS.includes(days) ? { ...base, expiry: String(days) as Expiry } : { ...base, expiry: "custom", days };
}

/**
 * The key's access as the create dialog's Custom choice: exactly its permissions (never a preset, which might
 * reach further: the full one adds `admin` for an administrator), its podcasts, fence and limit.
 */
function accessOfKey(key: ApiKey): AccessDraft {
  const { countries = [], asns = [], cidrs = [] } = key.network ?? {};
  return {
    ...initialAccess,
    preset: "custom",
    permissions: key.permissions,
    podcastIds: key.podcastIds ?? [],
    countries: countries.join(", "),
    asns: asns.join(", "),
    cidrs: cidrs.join(", "),
    limit: key.rateLimit !== null,
    requests: String(key.rateLimit?.requests ?? initialAccess.requests),
    periodSeconds: String(key.rateLimit?.periodSeconds ?? initialAccess.periodSeconds),
  };
}
