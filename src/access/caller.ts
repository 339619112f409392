import type { SessionCaller } from "../auth/sessions";
import type { KeyCaller } from "../keys/verified-key";

/** Who is calling, and how they proved it: a browser session (auth/) or an API key (keys/). */
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
