import type { KeyCaller } from "../../identity/verified-key";

/**
 * Optional in-isolate cache of *positive* key checks (KEY_CACHE_TTL_SECONDS > 0).
 * Unknown keys are never cached, so a new key works at once. A DELETE evicts the key here,
 * in the isolate that served it; other isolates may keep accepting it until their entry expires.
 */
export const MAX_ENTRIES = 10_000;
const entries = new Map<string, { value: KeyCaller; expiresAt: number }>();

export function cacheGet(keyHash: string, now: number): KeyCaller | undefined {
  const entry = entries.get(keyHash);
  if (!entry) return undefined;
  entries.delete(keyHash);
  if (entry.expiresAt <= now) return undefined;
  entries.set(keyHash, entry); // re-insert: Map order is our LRU order
  return entry.value;
}

export function cacheSet(keyHash: string, value: KeyCaller, expiresAt: number): void {
  entries.delete(keyHash);
  entries.set(keyHash, { value, expiresAt });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function evictKey(keyHash: string): void {
  entries.delete(keyHash);
}

/** A user's role change or deletion invalidates every cached key of theirs. */
export function evictUser(userId: number): void {
  for (const [hash, entry] of entries) if (entry.value.user.id === userId) entries.delete(hash);
}

export function cacheSize(): number {
  return entries.size;
}
