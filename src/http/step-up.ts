import type { MiddlewareHandler } from "hono";
import type { AuthContext } from "../identity/caller";
import { ApiError } from "../lib/errors";
import type { AppEnv } from "../platform/env";
import { STEP_UP_WINDOW_MS } from "../services/auth/reauthenticate";
import { caller } from "./require-auth";

/**
 * Step-up ("sudo mode", after GitHub's): a session alone does not make a sensitive change. Its holder
 * must have proved who they are — signed in, or given the password or a TOTP code again through
 * POST /api/auth/reauthenticate — within the last 10 minutes in that very session. So a stolen
 * session cookie cannot turn two-factor on with the thief's authenticator (and lock the owner out),
 * turn it off, or relink the podcast server. An API key is a deliberate credential of its own and
 * none of these routes accept one; a key caller is not asked.
 */
export function assertRecentAuthentication(auth: AuthContext, now = Date.now()): void {
  if (auth.via !== "session") return;
  if (auth.reauthenticatedAt !== null && now - auth.reauthenticatedAt <= STEP_UP_WINDOW_MS) return;
  throw new ApiError(
    "REAUTHENTICATION_REQUIRED",
    "Confirm it's you: enter your password (or a two-factor code) again, then retry. POST /api/auth/reauthenticate.",
  );
}

/** For apiRoute's `middleware`, after requireAuth. */
export const requireRecentAuthentication: MiddlewareHandler<AppEnv> = async (c, next) => {
  assertRecentAuthentication(caller(c));
  await next();
};
