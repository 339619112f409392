import { eq } from "drizzle-orm";
import type { AuthContext, AuthUser } from "../auth/auth-context";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { ApiError, notFound } from "../lib/errors";
import { publicUserColumns } from "../users/users.queries";

/**
 * Pinepods-shaped user ids. Pinepods clients carry the id `get_key` / `get_user` answered into their
 * next calls (`get_api_info/{id}`, `user_details_id/{id}`, `create_api_key`'s `user_id`), so every
 * id Podkeys answers or reads on these endpoints goes through here.
 */

/** The user behind a Pinepods user id, or a 404. */
export async function findPinepodsUser(db: Db, pinepodsId: number): Promise<AuthUser> {
  const [user] = await db.select(publicUserColumns).from(users).where(eq(users.id, pinepodsId));
  if (!user) throw notFound("User");
  return user;
}

/** Your own id, or anyone's for an administrator; another user's id is a 403 (not a 404: Pinepods answers so). */
export function assertMayReadUser(actor: AuthContext, target: AuthUser) {
  if (target.id !== actor.user.id && actor.user.role !== "admin") {
    throw new ApiError(403, "FORBIDDEN", "You may only do this for your own user id.");
  }
}

/** The id a Pinepods client should see for this user. */
export function pinepodsIdOf(user: AuthUser): number {
  return user.id;
}
