import { config } from "../../platform/config";
import type { Env } from "../../platform/env";
import { findSealedLink } from "./origin-links";

/**
 * With the key cache on (KEY_CACHE_TTL_SECONDS > 0), a forwarded request costs no D1 query at all: the
 * key comes from the key cache and the owner's link from here. Only the *sealed* link is kept — the
 * origin key is opened from it for each request and never kept in memory in the clear. Same promise as
 * the key cache: an unlink is seen at once by the isolate that served it, by others within the TTL.
 */
interface Entry {
  link: { originUserId: number; sealed: string; revokedAt: number | null } | null;
  until: number;
}
const MAX_ENTRIES = 10_000;
const entries = new Map<number, Entry>();

export async function findSealedLinkCached(env: Env, userId: number) {
  const ttlSeconds = config(env).keyCacheTtlSeconds;
  const now = Date.now();
  if (ttlSeconds > 0) {
    const hit = entries.get(userId);
    if (hit && hit.until > now && hit.link) return hit.link;
  }
  const link = await findSealedLink(env.DB, userId);
  // Only links are cached, never their absence: a link made a moment ago works at once everywhere.
  if (ttlSeconds > 0 && link) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(userId, { link, until: now + ttlSeconds * 1000 });
  }
  return link;
}

export function evictLink(userId: number) {
  entries.delete(userId);
}
