import type { ApiKey, KeyAccess, Permissions, Scope } from "../api";

/** What narrows a new key, as the create dialog builds it and POST /api/keys takes it: types from the server's schemas (api.ts). */
export type { KeyAccess, Permissions };
export type Group = keyof Permissions;
export type Level = NonNullable<Permissions[Group]>;

export const GROUPS: { group: Group; label: string; hint: string; adminOnly?: boolean }[] = [
  { group: "podcasts", label: "Podcasts", hint: "Subscriptions, episodes, search" },
  { group: "playback", label: "Playback", hint: "Progress, played, queue, saved, history, playlists" },
  { group: "feeds", label: "Feeds", hint: "The RSS feeds" },
  { group: "downloads", label: "Downloads", hint: "Server downloads and episode files" },
  { group: "settings", label: "Settings", hint: "Your own Pinepods settings" },
  { group: "admin", label: "Admin", hint: "Other users and server settings", adminOnly: true },
  { group: "keys", label: "Podkeys keys", hint: "Manage your Podkeys keys" },
];

export type PresetId = "read" | "app" | "media" | "home" | "rss" | "script" | "custom";

export const PRESETS: { id: PresetId; label: string; hint: string; permissions?: Permissions; scope?: Scope }[] = [
  { id: "read", label: "Read only", hint: "Reads every part of Pinepods, changes nothing.", scope: "read" },
  {
    id: "app",
    label: "Podcast app",
    hint: "Podcasts, playback, downloads and settings; reads the feeds.",
    permissions: { podcasts: "write", playback: "write", downloads: "write", settings: "write", feeds: "read" },
  },
  {
    id: "media",
    label: "Media center — Kodi, Plex",
    hint: "Reads podcasts and downloads, reports playback.",
    permissions: { podcasts: "read", playback: "write", downloads: "read" },
  },
  {
    id: "home",
    label: "Home automation / dashboard",
    hint: "Reads podcasts and playback.",
    permissions: { podcasts: "read", playback: "read" },
  },
  { id: "rss", label: "RSS reader", hint: "Reads the feeds of the podcasts you choose, nothing else.", permissions: { feeds: "read" } },
  { id: "script", label: "Script — full access", hint: "Everything, also your Podkeys keys. Never users or passwords.", scope: "full" },
  { id: "custom", label: "Custom", hint: "Choose each part, the podcasts, the network and a rate limit." },
];

const ORDER: Group[] = GROUPS.map(({ group }) => group);

/** `podcasts:r playback:w` */
export function shortForm(permissions: Permissions): string {
  return ORDER.filter((group) => permissions[group] !== undefined)
    .map((group) => `${group}:${permissions[group] === "write" ? "w" : "r"}`)
    .join(" ");
}

/** Whether a key's permissions are just its scope's (made from the shorthand). */
export function isShorthand(key: Pick<ApiKey, "scope" | "permissions">): boolean {
  const level = key.scope === "full" ? "write" : "read";
  return ORDER.every((group) => group === "admin" || key.permissions[group] === level);
}

/** The badges a key's row shows besides its permissions: chosen podcasts, the fence, the limit. */
export function accessBadges(key: Pick<ApiKey, "podcastIds" | "network" | "rateLimit">): { label: string; title: string }[] {
  const badges: { label: string; title: string }[] = [];
  if (key.podcastIds) {
    const n = key.podcastIds.length;
    badges.push({ label: `${n} podcast${n === 1 ? "" : "s"}`, title: `Only podcasts ${key.podcastIds.join(", ")}` });
  }
  if (key.network) {
    const { countries = [], asns = [], cidrs = [] } = key.network;
    const places = [...countries, ...asns.map((asn) => `AS${asn}`), ...cidrs];
    badges.push({
      label: `Fenced: ${places.length > 2 ? `${places.slice(0, 2).join(", ")}…` : places.join(", ")}`,
      title: `Only from ${places.join(", ")}`,
    });
  }
  if (key.rateLimit) {
    const { requests, periodSeconds } = key.rateLimit;
    badges.push({
      label: `${requests}/${periodSeconds === 60 ? "min" : `${periodSeconds}s`}`,
      title: `At most ${requests} requests per ${periodSeconds} seconds`,
    });
  }
  return badges;
}

/** "DE, FR" → ["DE","FR"]; "3320" → [3320]; blank → undefined. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}
