import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { verifyKey } from "../keys/verify-key";
import { ApiError } from "../lib/errors";
import type { AuthContext } from "./auth-context";
import { readPresentedKey } from "./key-header";
import { validateSession } from "./sessions";

export const INVALID_KEY_MESSAGE = "The API key is not valid.";

/**
 * Who is calling: a presented key wins over a cookie (a program may share a cookie jar with a browser,
 * but a key is always a deliberate choice). A key that is present but invalid is an error, never a
 * fallback to the cookie.
 */
async function identify(c: Context<AppEnv>): Promise<AuthContext | undefined> {
  const key = readPresentedKey(c.req.raw.headers);
  if (key !== undefined) {
    const check = await verifyKey(c.env, c.executionCtx, key);
    if (!check.valid) throw new ApiError(401, "INVALID_KEY", INVALID_KEY_MESSAGE);
    return { via: "apiKey", user: check.key.user, key: { id: check.key.keyId, name: check.key.keyName } };
  }
  const session = await validateSession(c.env.DB, c);
  return session && { via: "session", ...session };
}

interface Requirement {
  /** Accept an API key (read endpoints). Otherwise only a browser session will do. */
  keys?: boolean;
  admin?: boolean;
}

export function requireAuth(requirement: Requirement = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await identify(c);
    if (!auth) throw new ApiError(401, "UNAUTHENTICATED", "Sign in or send an API key.");
    if (auth.via === "apiKey" && !requirement.keys) {
      throw new ApiError(403, "SESSION_REQUIRED", "API keys are read-only; this action needs a signed-in session.");
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
