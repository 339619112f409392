import type { Role, Scope } from "../db/schema";

/**
 * What a key may do, per part of Pinepods (and of Podkeys): a level for each group it names, nothing
 * for the groups it does not. `write` includes `read`. The route → group map is
 * gateway/route-permissions.ts; this file is the vocabulary, shared by the key model and its checks.
 */
export const PERMISSION_GROUPS = ["podcasts", "playback", "feeds", "downloads", "settings", "admin", "keys"] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];
export const PERMISSION_LEVELS = ["read", "write"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];
export type Permissions = Partial<Record<PermissionGroup, PermissionLevel>>;

export const GROUP_DESCRIPTIONS: Record<PermissionGroup, string> = {
  podcasts: "Subscriptions, episodes, search, podcast details",
  playback: "Listen progress, played state, queue, saved episodes, history, playlists",
  feeds: "The RSS feeds",
  downloads: "Server downloads and episode files (streams)",
  settings: "The person's own Pinepods settings",
  admin: "Other users and server settings (only an administrator's key may have it)",
  keys: "Podkeys' own key management, for the key's owner",
};

const PINEPODS_GROUPS = ["podcasts", "playback", "feeds", "downloads", "settings"] as const;

/**
 * The scope shorthand. `full`: every group at write (`admin` only for an administrator's key).
 * `read`: every Pinepods group at read, no `admin`; and `keys: read`, so a read key keeps doing what
 * read keys always did on Podkeys' own API (list its owner's keys and their events). A key made with
 * explicit permissions has `keys` only when they name it.
 */
export function scopePermissions(scope: Scope, role: Role): Permissions {
  const level: PermissionLevel = scope === "full" ? "write" : "read";
  const permissions: Permissions = Object.fromEntries(PINEPODS_GROUPS.map((group) => [group, level]));
  permissions.keys = level;
  if (scope === "full" && role === "admin") permissions.admin = "write";
  return permissions;
}

/** The scope column of a key made with explicit permissions: `full` only when they hold every write of the full shorthand. */
export function scopeOf(permissions: Permissions, role: Role): Scope {
  return isWithin(scopePermissions("full", role), permissions) ? "full" : "read";
}

export function allows(permissions: Permissions, group: PermissionGroup, level: PermissionLevel): boolean {
  const held = permissions[group];
  return held === "write" || (held === "read" && level === "read");
}

/** Every level of `inner` is held by `outer`. */
export function isWithin(inner: Permissions, outer: Permissions): boolean {
  return PERMISSION_GROUPS.every((group) => {
    const level = inner[group];
    return level === undefined || allows(outer, group, level);
  });
}

/** Groups in their canonical order, nothing else: what is stored and answered. */
export function normalizePermissions(permissions: Permissions, role: Role): Permissions {
  const normalized: Permissions = {};
  for (const group of PERMISSION_GROUPS) {
    const level = permissions[group];
    // An administrator's demotion takes `admin` away from every key of theirs, whatever was stored.
    if (level !== undefined && (group !== "admin" || role === "admin")) normalized[group] = level;
  }
  return normalized;
}

/** Every group at write: what a route outside the map needs. */
export const ALL_WRITE: Permissions = Object.fromEntries(PERMISSION_GROUPS.map((group) => [group, "write"]));

/** `podcasts:r playback:w`: the short form lists and audit details show. */
export function permissionsShortForm(permissions: Permissions): string {
  return PERMISSION_GROUPS.filter((group) => permissions[group] !== undefined)
    .map((group) => `${group}:${permissions[group] === "write" ? "w" : "r"}`)
    .join(" ");
}
