import { ApiError } from "../lib/errors";
import { limiter as limiterBinding } from "./config";
import type { Env } from "./env";

/**
 * Abuse limits on the Workers Rate Limiting binding (https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/).
 * Limits and periods live in wrangler.toml; each binding is its own namespace, so keys need no prefix.
 *
 * - SIGN_IN_USER_LIMITER: sign-in attempts (and current-password checks) per username, so guessing one
 *   account's password is slow however many addresses the guesser has.
 * - SIGN_IN_ADDRESS_LIMITER: sign-in attempts per client address, so one address cannot spray many accounts.
 * - KEY_FAILURE_LIMITER: *failed* key checks per client address. It is consulted only after a check
 *   has failed, so a valid key's traffic never pays for a limiter call and is never limited.
 * - SETUP_LIMITER: setup attempts per client address (guessing the SETUP_TOKEN).
 * - LEAK_REPORT_LIMITER: public leak reports and GitLab revocation calls per client address (src/leaks/).
 *
 * A missing binding means no limit (a deployment that drops one keeps working).
 */
export type LimiterName =
  | "SIGN_IN_USER_LIMITER"
  | "SIGN_IN_ADDRESS_LIMITER"
  | "KEY_FAILURE_LIMITER"
  | "SETUP_LIMITER"
  | "LEAK_REPORT_LIMITER";

/**
 * The binding does not say when its window ends; windows are 10 or 60 seconds, so 60 is never too short.
 */
const RETRY_AFTER_SECONDS = 60;

function rateLimited(seconds: number) {
  return new ApiError("RATE_LIMITED", `Too many attempts. Try again in ${seconds} seconds.`, { "Retry-After": String(seconds) });
}

/**
 * Buckets this isolate has seen go over their limit, until their Retry-After has passed. Without it,
 * a flood of made-up (well-formed) keys costs one D1 query each even over the limit, because the
 * limiter is only asked after a check has failed. Bounded: the oldest entries go first.
 */
const blockedUntil = new Map<string, number>();
const MAX_BLOCKED_BUCKETS = 10_000;

function rememberBlocked(limiter: LimiterName, key: string, until: number) {
  const bucket = `${limiter} ${key}`;
  blockedUntil.delete(bucket);
  blockedUntil.set(bucket, until);
  if (blockedUntil.size > MAX_BLOCKED_BUCKETS) blockedUntil.delete(blockedUntil.keys().next().value!);
}

/**
 * Refuses, with no binding call and no D1 work, while this address's bucket is known to be over its limit.
 * `exempt` (asked only while the address is blocked): lets a request through to its D1 check anyway.
 */
export async function refuseWhileBlocked(address: string | null, limiter: LimiterName, exempt?: () => Promise<boolean>): Promise<void> {
  if (blockedUntil.size === 0) return; // the usual case, on the hot path: no string work at all
  const key = addressBucket(address);
  if (key === undefined) return;
  const bucket = `${limiter} ${key}`;
  const until = blockedUntil.get(bucket);
  if (until === undefined) return;
  const left = until - Date.now();
  if (left <= 0) {
    blockedUntil.delete(bucket);
    return;
  }
  if (exempt && (await exempt())) return;
  throw rateLimited(Math.ceil(left / 1000));
}

export async function enforceLimit(env: Env, limiter: LimiterName, key: string | undefined): Promise<void> {
  const binding = limiterBinding(env, limiter);
  if (!binding || key === undefined) return;
  const { success } = await binding.limit({ key });
  if (!success) {
    rememberBlocked(limiter, key, Date.now() + RETRY_AFTER_SECONDS * 1000);
    throw rateLimited(RETRY_AFTER_SECONDS);
  }
}

/** Takes the client's address (RequestScope.ip, clientAddress), not a Hono context: the key gate ahead of the router counts failures too. */
export function enforceAddressLimit(env: Env, address: string | null, limiter: LimiterName): Promise<void> {
  return enforceLimit(env, limiter, addressBucket(address));
}

/** Usernames are case-insensitive, so are their buckets: `Admin` and `ADMIN` share one. */
export function enforceUsernameLimit(env: Env, username: string): Promise<void> {
  return enforceLimit(env, "SIGN_IN_USER_LIMITER", username.trim().toLowerCase());
}

/**
 * The client's address as a rate-limit bucket (see clientAddress: trustworthy only behind Cloudflare).
 * A request without one (a service binding, local development) gets no per-address limit. IPv6
 * clients usually hold a whole /64, so the bucket is the /64, not the single address.
 */
export function addressBucket(clientAddress: string | null): string | undefined {
  const address = clientAddress?.trim();
  if (!address) return undefined;
  return address.includes(":") ? ipv6Prefix64(address) : address;
}

export function ipv6Prefix64(address: string): string {
  const lastGroup = address.slice(address.lastIndexOf(":") + 1);
  if (lastGroup.includes(".")) return lastGroup; // IPv4-mapped (::ffff:192.0.2.1): the IPv4 address is the client
  const [head = "", tail] = address.toLowerCase().split("::", 2);
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill("0");
  const groups = [...headGroups, ...zeros, ...tailGroups].slice(0, 4);
  return `${groups.map((group) => (parseInt(group, 16) || 0).toString(16)).join(":")}::/64`;
}
