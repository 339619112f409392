import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { verifyKey } from "../keys/verify-key";
import { ApiError } from "../lib/errors";
import { enforceAddressLimit } from "../lib/rate-limits";
import type { AuthContext } from "./auth-context";
import { readPresentedKey } from "./key-header";
import { validateSession } from "./sessions";

/**
 * Who is calling: a presented key wins over a cookie (a program may share a cookie jar with a browser,
 * but a key is always a deliberate choice). A key that is present but invalid is an error, never a
 * fallback to the cookie.
 */
async function identify(c: Context<AppEnv>): Promise<AuthContext | undefined> {
  const key = readPresentedKey(c.req.raw.headers);
  if (key !== undefined) {
    const check = await verifyKey(c.env, c.executionCtx, key, requestCountry(c.req.raw));
    if (!check.valid) {
      // Only failures are counted, so a valid key's traffic never waits on the limiter.
      await enforceAddressLimit(c, "KEY_FAILURE_LIMITER");
      if (check.code === "EXPIRED") throw new ApiError(401, "KEY_EXPIRED", "The API key has expired.");
      if (check.code === "DISABLED") throw new ApiError(401, "KEY_DISABLED", "The API key is disabled.");
      throw new ApiError(401, "INVALID_KEY", "The API key is not valid.");
    }
    const { keyId, keyName, scope, expiresAt, user } = check.key;
    return { via: "apiKey", user, key: { id: keyId, name: keyName, scope, expiresAt } };
  }
  const session = await validateSession(c.env.DB, c);
  return session && { via: "session", ...session };
}

/** Cloudflare's idea of where the request came from; absent in local development. */
function requestCountry(request: Request): string | undefined {
  const country = (request as { cf?: { country?: unknown } }).cf?.country;
  return typeof country === "string" ? country : undefined;
}

interface Requirement {
  /**
   * Which API keys are accepted besides a session: "read" accepts any key (read endpoints),
   * "full" only keys of the full scope. Without it, only a browser session will do
   * (users and passwords are never reachable with a key).
   */
  keys?: "read" | "full";
  admin?: boolean;
}

export function requireAuth(requirement: Requirement = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await identify(c);
    if (!auth) throw new ApiError(401, "UNAUTHENTICATED", "Sign in or send an API key.");
    if (auth.via === "apiKey") {
      if (!requirement.keys) throw new ApiError(403, "SESSION_REQUIRED", "This action needs a signed-in session; API keys cannot do it.");
      if (requirement.keys === "full" && auth.key.scope !== "full") {
        throw new ApiError(403, "INSUFFICIENT_SCOPE", "This key has the read scope: it may only read.");
      }
    }
    if (requirement.admin && auth.user.role !== "admin") {
      throw new ApiError(403, "FORBIDDEN", "Only administrators may do this.");
    }
    c.set("auth", auth);
    await next();
  };
}

/** For handlers behind requireAuth: the caller, guaranteed present. */
export function caller(c: Context<AppEnv>): AuthContext {
  const auth = c.get("auth");
  if (!auth) throw new ApiError(401, "UNAUTHENTICATED", "Sign in or send an API key.");
  return auth;
}
