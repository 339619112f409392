import type { Env } from "../env";
import { verifyKey, type WaitUntil } from "../keys/verify-key";
import { ApiError } from "../lib/errors";
import type { AuthContext } from "./auth-context";

export type KeyAuth = Extract<AuthContext, { via: "apiKey" }>;

/** Cloudflare's idea of where the request came from; absent in local development. */
function requestCountry(request: Request): string | undefined {
  const country = (request as { cf?: { country?: unknown } }).cf?.country;
  return typeof country === "string" ? country : undefined;
}

/**
 * A presented key → the caller, or the 401 that says why not. The one place a key becomes an identity,
 * shared by the router's middleware and the key gate ahead of it, so both answer alike.
 */
export async function authenticateKey(env: Env, ctx: WaitUntil, request: Request, key: string): Promise<KeyAuth> {
  const check = await verifyKey(env, ctx, key, requestCountry(request));
  if (!check.valid) {
    if (check.code === "EXPIRED") throw new ApiError(401, "KEY_EXPIRED", "The API key has expired.");
    if (check.code === "DISABLED") throw new ApiError(401, "KEY_DISABLED", "The API key is disabled.");
    throw new ApiError(401, "INVALID_KEY", "The API key is not valid.");
  }
  const { keyId, keyName, scope, expiresAt, user } = check.key;
  return { via: "apiKey", user, key: { id: keyId, name: keyName, scope, expiresAt } };
}
