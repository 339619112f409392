import type { User } from "./users.schemas";
import type { KeyCaller } from "./verified-key";

/** A request authenticated by a browser session. */
export interface SessionCaller {
  via: "session";
  user: User;
  sessionId: string;
  /** Whether the user has two-factor sign-in on (REQUIRE_ADMIN_TWO_FACTOR reads it). */
  twoFactor: boolean;
  /** When the holder last proved who they are in this session (ms since the epoch); step-up reads it. */
  reauthenticatedAt: number | null;
}

/** Who is calling, and how they proved it: a browser session (services/auth/) or an API key (services/keys/). */
export type AuthContext = SessionCaller | KeyCaller;

/**
 * Whether the caller acts with an administrator's reach (every user's keys and events).
 * A session of an admin does; so does an admin's key with the `admin` group — a *full*-scope key has it
 * (what Pinepods' sign-in mints, so Pinepods' own settings page keeps working for admins). An admin's *read* key — the kind handed to
 * a dashboard or a plugin — acts in its owner's own space only: a leaked read key must not read
 * every user's keys and addresses.
 */
export function actsAsAdmin(auth: AuthContext): boolean {
  return auth.user.role === "admin" && (auth.via === "session" || auth.key.permissions.admin !== undefined);
}

/**
 * Whether the caller is an administrator signed in with a session: the only caller who may manage
 * every user's keys (a key, even an admin's full one, reaches only its owner's keys).
 */
export function isAdminSession(auth: AuthContext): boolean {
  return auth.via === "session" && auth.user.role === "admin";
}
