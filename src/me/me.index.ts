import { eq } from "drizzle-orm";
import { caller } from "../access/require-auth";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { createDb } from "../db/client";
import { users } from "../db/schema";
import { endSignInKeysStatements, evictEnded } from "../keys/sign-in-keys";
import { clientAddress } from "../http/client-address";
import { ApiError } from "../lib/errors";
import { enforceUsernameLimit } from "../http/rate-limits";
import { createRouter } from "../lib/router";
import { meBody } from "./me-body";
import { changePasswordRoute, meRoute } from "./me.routes";

export const meRouter = createRouter()
  .openapi(meRoute, (c) => c.json(meBody(caller(c)), 200))
  .openapi(changePasswordRoute, async (c) => {
    const auth = caller(c);
    if (auth.via !== "session") throw new ApiError("SESSION_REQUIRED", "Changing a password needs a signed-in session.");
    const { currentPassword, newPassword } = c.req.valid("json");
    // A stolen session must not become a way to guess the password it does not know.
    await enforceUsernameLimit(c.env, auth.user.username);
    const db = createDb(c.env.DB);
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, auth.user.id));
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
      throw new ApiError("WRONG_PASSWORD", "The current password is wrong.");
    }
    // One transaction: whoever else held a session (a stolen cookie, a forgotten laptop) is signed out, and
    // every key minted by a password sign-in (sign-in-keys.ts) ends with the password that minted it.
    const d1 = c.env.DB;
    const results = await d1.batch([
      d1.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(await hashPassword(newPassword), auth.user.id),
      d1.prepare("DELETE FROM sessions WHERE user_id = ? AND id != ?").bind(auth.user.id, auth.sessionId),
      ...endSignInKeysStatements(d1, auth.user, "password changed: sign-in keys end", clientAddress(c.req.raw)),
    ]);
    evictEnded(results.at(-1));
    return c.body(null, 204);
  });
