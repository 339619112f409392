import { recordAudit } from "../audit/audit.queries";
import { createDb } from "../db/client";
import { clientAddress } from "../lib/client-address";
import { ApiError } from "../lib/errors";
import { createRouter } from "../lib/router";
import { findUserForLogin } from "../users/users.queries";
import { loginRoute, logoutRoute } from "./auth.routes";
import { caller } from "./middleware";
import { decoyPasswordHash, verifyPassword } from "./passwords";
import { createSession, deleteSession } from "./sessions";

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid("json");
    const db = createDb(c.env.DB);
    const user = await findUserForLogin(db, username);
    // An unknown user still costs one PBKDF2, and both failures read the same: usernames do not leak.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !ok) {
      // Only attempts on real accounts are recorded (a mistyped username may be someone's password),
      // after the answer, so the extra write does not time-stamp which usernames exist.
      if (user) {
        const target = { type: "user" as const, id: user.id, name: user.username, owner: { id: user.id, username: user.username } };
        c.executionCtx.waitUntil(recordAudit(db, { type: "auth.login_failed", actor: null, target, ip: clientAddress(c.req.raw) }));
      }
      throw new ApiError(401, "INVALID_CREDENTIALS", "Wrong username or password.");
    }
    await createSession(db, c, user.id);
    return c.json({ user: { id: user.id, username: user.username, role: user.role } }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const auth = caller(c);
    if (auth.via === "session") await deleteSession(createDb(c.env.DB), c, auth.sessionId);
    return c.body(null, 204);
  });
