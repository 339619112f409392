import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { type AuthContext, actsAsAdmin } from "../../identity/caller";
import type { User as AuthUser } from "../../identity/users.schemas";
import { ApiError, notFound } from "../../lib/errors";
import type { Env } from "../../platform/env";
import { gatewayOn } from "../gateway/origin-config";
import { findOriginUserId, findUserByOriginId } from "../gateway/origin-links";
import { publicUserColumns } from "../users/users.queries";

/**
 * Pinepods-shaped user ids. Pinepods clients carry the id `get_key` / `get_user` answered into their
 * next calls (`get_api_info/{id}`, `user_details_id/{id}`, `create_api_key`'s `user_id`,
 * `return_pods/{id}` on the origin), so every id Podkeys answers or reads on these endpoints goes
 * through here. While the gateway is on (ORIGIN_URL), a linked user goes by their **origin** user id,
 * so the client's next forwarded call reaches the right Pinepods account; an unlinked user keeps their
 * Podkeys id. Without a gateway, ids are Podkeys ids.
 */

/** The user behind a Pinepods user id, or a 404. A linked origin id wins over an equal Podkeys id. */
export async function findPinepodsUser(db: Db, env: Env, pinepodsId: number): Promise<AuthUser> {
  if (gatewayOn(env)) {
    const linked = await findUserByOriginId(db, pinepodsId);
    if (linked) return linked;
    const [unlinked] = await db.select(publicUserColumns).from(users).where(eq(users.id, pinepodsId));
    // A linked user is known by their origin id only; their Podkeys id names nobody here.
    if (unlinked && (await findOriginUserId(db, unlinked.id)) === undefined) return unlinked;
    throw notFound("User");
  }
  const [user] = await db.select(publicUserColumns).from(users).where(eq(users.id, pinepodsId));
  if (!user) throw notFound("User");
  return user;
}

/**
 * Your own id, or anyone's for an administrator acting admin-wide (a session or a full-scope key: an
 * admin's read key acts only in its owner's space); another user's id is a 403 (Pinepods answers so).
 */
export function assertMayReadUser(actor: AuthContext, target: AuthUser) {
  if (target.id !== actor.user.id && !actsAsAdmin(actor)) {
    throw new ApiError("FORBIDDEN", "You may only do this for your own user id.");
  }
}

/** The id a Pinepods client should see for this user. */
export async function pinepodsIdOf(db: Db, env: Env, user: AuthUser): Promise<number> {
  if (!gatewayOn(env)) return user.id;
  return (await findOriginUserId(db, user.id)) ?? user.id;
}
