import type { Role, Scope } from "../db/schema";

export interface AuthUser {
  id: number;
  username: string;
  role: Role;
}

/** Who is calling, and how they proved it. */
export type AuthContext =
  | { via: "session"; user: AuthUser; sessionId: string }
  | { via: "apiKey"; user: AuthUser; key: { id: number; name: string; scope: Scope; expiresAt: number | null } };
