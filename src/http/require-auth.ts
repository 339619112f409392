import type { Context, MiddlewareHandler } from "hono";
import type { Scope } from "../db/schema";
import type { AuthContext } from "../identity/caller";
import { allows, type PermissionGroup, type PermissionLevel } from "../identity/permissions";
import { ApiError } from "../lib/errors";
import { config } from "../platform/config";
import type { AppEnv } from "../platform/env";
import { identify } from "../services/auth/identify";
import { renewSessionCookie } from "../services/auth/sessions";

export interface Requirement {
  /**
   * Which API keys are accepted besides a session: "read" accepts any key (read endpoints),
   * "full" only keys of the full scope. Without it, only a browser session will do
   * (users and passwords are never reachable with a key).
   */
  keys?: Scope;
  /**
   * For keys, the group and level they need instead of the scope test (keys/permissions.ts): Podkeys' own
   * key management needs `keys` (a full-scope key has keys:write, a read-scope key keys:read).
   */
  permission?: readonly [PermissionGroup, PermissionLevel];
  admin?: boolean;
}

export function requireAuth(requirement: Requirement = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // waitUntil read only when a key check uses it: app.request() in tests has no ExecutionContext.
    const ctx = { waitUntil: (work: Promise<unknown>) => c.executionCtx.waitUntil(work) };
    const identified = await identify(c.req.raw, c.env, ctx, { sessions: true });
    if (!identified) throw new ApiError("UNAUTHENTICATED", "Sign in or send an API key.");
    const auth = identified.caller;
    if (identified.renewal) renewSessionCookie(c, identified.renewal);
    if (auth.via === "apiKey") {
      if (!requirement.keys) throw new ApiError("SESSION_REQUIRED", "This action needs a signed-in session; API keys cannot do it.");
      if (requirement.permission) {
        const [group, level] = requirement.permission;
        if (!allows(auth.key.permissions, group, level)) {
          throw new ApiError("INSUFFICIENT_SCOPE", `This key lacks the ${group} permission at ${level} level.`);
        }
      } else if (requirement.keys === "full" && auth.key.scope !== "full") {
        throw new ApiError("INSUFFICIENT_SCOPE", "This key has the read scope: it may only read.");
      }
    }
    if (requirement.admin && auth.user.role !== "admin") {
      throw new ApiError("FORBIDDEN", "Only administrators may do this.");
    }
    // REQUIRE_ADMIN_TWO_FACTOR: an admin account guards every key in the system, so managing users
    // waits until its holder has turned two-factor sign-in on (the rest of the page keeps working).
    if (requirement.admin && auth.via === "session" && !auth.twoFactor && config(c.env).requireAdminTwoFactor) {
      throw new ApiError(
        "TWO_FACTOR_REQUIRED",
        "Administrators must turn on two-factor sign-in (Settings → Two-factor) before managing users.",
      );
    }
    c.set("auth", auth);
    await next();
  };
}

/** For handlers behind requireAuth: the caller, guaranteed present. */
export function caller(c: Context<AppEnv>): AuthContext {
  const auth = c.get("auth");
  if (!auth) throw new ApiError("UNAUTHENTICATED", "Sign in or send an API key.");
  return auth;
}
