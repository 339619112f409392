import type { AuthContext } from "../../identity/caller";
import type { KeyCaller } from "../../identity/verified-key";
import { clientAddress, requestCountry } from "../../lib/client-address";
import type { Env, WaitUntil } from "../../platform/env";
import { checkKeyLimited, KeyRefused } from "../keys/key-auth";
import { readPresentedKey } from "../keys/key-header";
import { enforceKeyPlace } from "../keys/key-place";
import { type SessionRenewal, validateSession } from "./sessions";

export interface IdentifyOptions {
  /** A key from the query string: the gateway's stream URLs only (`<audio src>` cannot send headers). */
  queryKey?: string | null;
  /** Whether a session cookie may identify the caller when no key is presented (requireAuth); keys only otherwise. */
  sessions?: boolean;
  /**
   * Whether the key's network fence and rate limit apply (keys/key-place.ts): every HTTP use of a key.
   * Not for RPC's verifyRequest, which has no client address and answers the fence and limit instead.
   */
  place?: boolean;
}

export interface Identified {
  caller: AuthContext;
  /** A session whose sliding expiry moved: the caller writes its cookie again (auth/sessions.ts). */
  renewal?: SessionRenewal;
}

/**
 * Who is calling — the one place a request becomes an identity, for requireAuth, the key gate ahead of
 * the router, the gateway and RPC's verifyRequest, so all of them answer alike:
 * 1. The key header (`Authorization: Bearer`, `X-API-Key`, `Api-Key`; keys/key-header.ts), or the
 *    option's query key. A presented key wins over a cookie (a program may share a cookie jar with a
 *    browser, but a key is always a deliberate choice); a key that is present but invalid is an
 *    error, never a fallback to the cookie.
 * 2. The failed-key limiter around the check: an address over its limit is refused before the lookup
 *    until Retry-After has passed (a valid key from it too: telling the two apart would cost the very
 *    D1 query the flood is after); only failures are counted, so a valid key never waits on it.
 * 3. verifyKey (format with no I/O, SHA-256, one D1 read or the cache; 503 when D1 fails).
 * 4. Without a key, the session cookie, where the caller allows one.
 * undefined: no credential at all.
 */
export async function identify(request: Request, env: Env, ctx: WaitUntil, options: IdentifyOptions = {}): Promise<Identified | undefined> {
  const key = readPresentedKey(request.headers) ?? options.queryKey ?? undefined;
  if (key !== undefined) return { caller: await authenticateKey(request, env, ctx, key, options.place ?? true) };
  if (!options.sessions) return undefined;
  return validateSession(env.DB, request);
}

async function authenticateKey(request: Request, env: Env, ctx: WaitUntil, key: string, place: boolean): Promise<KeyCaller> {
  const check = await checkKeyLimited(env, ctx, key, clientAddress(request), requestCountry(request));
  if (check.valid) {
    // The key's own fence and rate limit, on every use of it (key-place.ts).
    if (place) await enforceKeyPlace(env, ctx, request, check.caller);
    return check.caller;
  }
  throw new KeyRefused(check.code);
}
