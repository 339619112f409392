import type { Role, Scope } from "../db/schema";

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
}

/** Who is calling, and how they proved it. */
export type AuthContext =
  | { via: "session"; user: AuthUser; sessionId: string; /** Whether the user has two-factor sign-in on. */ twoFactor: boolean }
  | { via: "apiKey"; user: AuthUser; key: { id: number; name: string; scope: Scope; expiresAt: number | null } };

/**
 * Whether the caller acts with an administrator's reach (every user's keys and events).
 * A session of an admin does; so does an admin's *full*-scope key (what Pinepods' sign-in mints, so
 * Pinepods' own settings page keeps working for admins). An admin's *read* key — the kind handed to
 * a dashboard or a plugin — acts in its owner's own space only: a leaked read key must not read
 * every user's keys and addresses.
 */
export function actsAsAdmin(auth: AuthContext): boolean {
  return auth.user.role === "admin" && (auth.via === "session" || auth.key.scope === "full");
}
