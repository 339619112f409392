import type { Env } from "../env";
import { verifyKey, type WaitUntil } from "../keys/verify-key";
import { requestCountry } from "../lib/client-address";
import { ApiError } from "../lib/errors";
import { enforceAddressLimit, refuseWhileBlocked } from "../lib/rate-limits";
import type { AuthContext } from "./auth-context";

export type KeyAuth = Extract<AuthContext, { via: "apiKey" }>;

/**
 * A presented key → the caller, or the 401 that says why not. The one place a key becomes an identity,
 * shared by the router's middleware and the key gate ahead of it, so both answer alike.
 */
export async function authenticateKey(env: Env, ctx: WaitUntil, request: Request, key: string): Promise<KeyAuth> {
  // An address over its failed-key limit is refused before the lookup until Retry-After has passed
  // (a valid key from it too: telling the two apart would cost the very D1 query the flood is after).
  refuseWhileBlocked(request, "KEY_FAILURE_LIMITER");
  const check = await verifyKey(env, ctx, key, requestCountry(request));
  if (!check.valid) {
    // Only failures are counted, so a valid key's traffic never waits on the limiter.
    await enforceAddressLimit(env, request, "KEY_FAILURE_LIMITER");
    if (check.code === "EXPIRED") throw new ApiError(401, "KEY_EXPIRED", "The API key has expired.");
    if (check.code === "DISABLED") throw new ApiError(401, "KEY_DISABLED", "The API key is disabled.");
    throw new ApiError(401, "INVALID_KEY", "The API key is not valid.");
  }
  const { keyId, keyName, scope, expiresAt, user } = check.key;
  return { via: "apiKey", user, key: { id: keyId, name: keyName, scope, expiresAt } };
}
