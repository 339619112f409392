import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { users } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { clientAddress } from "../../lib/client-address";
import { ApiError, passwordAtOrigin } from "../../lib/errors";
import { enforceUsernameLimit } from "../../platform/rate-limits";
import { auditInsert, userTarget } from "../../services/audit/audit.queries";
import { hashPassword, verifyPassword } from "../../services/auth/passwords";
import { deleteOtherSessions } from "../../services/auth/sessions";
import { endSignInKeys, evictEnded } from "../../services/keys/sign-in-keys";
import { changePasswordRoute, meRoute } from "./me.routes";
import { meBody } from "./me-body";
import { sessionsRouter } from "./sessions.index";
import { twoFactorRouter } from "./two-factor.index";

export const meRouter = createRouter()
  .openapi(meRoute, (c) => c.json(meBody(caller(c)), 200))
  .openapi(changePasswordRoute, async (c) => {
    const auth = caller(c);
    if (auth.via !== "session") throw new ApiError("SESSION_REQUIRED", "Changing a password needs a signed-in session.");
    const { currentPassword, newPassword } = c.req.valid("json");
    // A stolen session must not become a way to guess the password it does not know.
    await enforceUsernameLimit(c.env, auth.user.username);
    const db = createDb(c.env.DB);
    const [row] = await db.select({ passwordHash: users.passwordHash, source: users.source }).from(users).where(eq(users.id, auth.user.id));
    if (row?.source === "pinepods") throw passwordAtOrigin();
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
      throw new ApiError("WRONG_PASSWORD", "The current password is wrong.");
    }
    // Whoever else held a session (a stolen cookie, a forgotten laptop) is signed out, and every key
    // minted by a password sign-in (services/keys/sign-in-keys.ts) ends, in the same transaction: a new password
    // never stands while the sessions and sign-in keys it should have ended live on.
    const ip = clientAddress(c.req.raw);
    const event = { type: "user.password_changed" as const, actor: auth, target: userTarget(auth.user), ip };
    const [, , , ended] = await inTransaction(db, [
      db
        .update(users)
        .set({ passwordHash: await hashPassword(newPassword) })
        .where(eq(users.id, auth.user.id)),
      deleteOtherSessions(db, auth.user.id, auth.sessionId),
      ...endSignInKeys(db, auth.user, "password changed: sign-in keys end", ip),
      auditInsert(db, event),
    ]);
    evictEnded(ended);
    return c.body(null, 204);
  })
  .route("/sessions", sessionsRouter)
  .route("/two-factor", twoFactorRouter);
