import { sha256Hex } from "../lib/crypto";
import { addressBucket } from "./rate-limits";

/**
 * Keys seen valid from an address in the last hour, in this isolate: (address bucket, key hash) → when.
 * Read only while that address is over its failed-key limit, so a household whose one broken device
 * sent 60 bad keys keeps using the keys that worked (the security review's "valid keys included"),
 * while a new bad key from it is still refused with 429. Bounded; the oldest entries go first.
 * Holds hashes only, like the key cache.
 */
const WINDOW_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
const seen = new Map<string, number>();

export function rememberValidKey(address: string | null, keyHash: string, now = Date.now()): void {
  const bucket = addressBucket(address);
  if (bucket === undefined) return;
  const entry = `${bucket} ${keyHash}`;
  seen.delete(entry);
  seen.set(entry, now);
  if (seen.size > MAX_ENTRIES) seen.delete(seen.keys().next().value!);
}

export async function validFromHereRecently(address: string | null, key: string, now = Date.now()): Promise<boolean> {
  const bucket = addressBucket(address);
  if (bucket === undefined || seen.size === 0) return false;
  const at = seen.get(`${bucket} ${await sha256Hex(key)}`);
  return at !== undefined && now - at <= WINDOW_MS;
}
