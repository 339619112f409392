import type { KeyCaller } from "../../identity/verified-key";
import { requestCountry } from "../../lib/client-address";
import { ApiError } from "../../lib/errors";
import type { Env, WaitUntil } from "../../platform/env";
import { enforceAddressLimit, refuseWhileBlocked } from "../../platform/rate-limits";
import { rememberValidKey, validFromHereRecently } from "../../platform/recent-valid-keys";
import { verifyKey } from "./verify-key";

/**
 * A presented key → the caller, or the 401 that says why not (or the 503 of a failing D1, from
 * verifyKey). The one place a key becomes an identity, shared by requireAuth and the key gate ahead
 * of the router, so both answer alike.
 */
export async function authenticateKey(env: Env, ctx: WaitUntil, request: Request, key: string): Promise<KeyCaller> {
  // An address over its failed-key limit is refused before the lookup until Retry-After has passed —
  // unless this very key was valid from this address within the hour (recent-valid-keys.ts): one broken
  // device must not lock a household out. Such a key still goes to D1, as every key does.
  await refuseWhileBlocked(request, "KEY_FAILURE_LIMITER", () => validFromHereRecently(request, key));
  const check = await verifyKey(env, ctx, key, requestCountry(request));
  if (check.valid) {
    rememberValidKey(request, check.keyHash);
    return check.caller;
  }
  // Only failures are counted, so a valid key's traffic never waits on the limiter.
  await enforceAddressLimit(env, request, "KEY_FAILURE_LIMITER");
  if (check.code === "EXPIRED") throw new ApiError("KEY_EXPIRED", "The API key has expired.");
  if (check.code === "DISABLED") throw new ApiError("KEY_DISABLED", "The API key is disabled.");
  throw new ApiError("INVALID_KEY", "The API key is not valid.");
}
