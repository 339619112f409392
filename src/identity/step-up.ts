import { ApiError } from "../lib/errors";
import type { AuthContext } from "./caller";

/** How long a password or code given in a session lets it make sensitive changes. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

/**
 * Step-up ("sudo mode", after GitHub's): a session alone does not make a sensitive change. Its holder
 * must have proved who they are — signed in, or given the password or a TOTP code again through
 * POST /api/auth/reauthenticate — within the last 10 minutes in that very session. So a stolen
 * session cookie cannot turn two-factor on with the thief's authenticator (and lock the owner out),
 * turn it off, or relink the podcast server. An API key is a deliberate credential of its own; a key
 * caller is not asked. Here, beside the caller it judges, so routes (http/step-up.ts) and services
 * (a key roll that hands out a key as strong as a new one) ask the same question.
 */
export function assertRecentAuthentication(auth: AuthContext, now = Date.now()): void {
  if (auth.via !== "session") return;
  if (auth.reauthenticatedAt !== null && now - auth.reauthenticatedAt <= STEP_UP_WINDOW_MS) return;
  throw new ApiError(
    "REAUTHENTICATION_REQUIRED",
    "Confirm it's you: enter your password (or a two-factor code) again, then retry. POST /api/auth/reauthenticate.",
  );
}
