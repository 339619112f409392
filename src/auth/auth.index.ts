import { createDb } from "../db/client";
import { ApiError } from "../lib/errors";
import { enforceAddressLimit, enforceUsernameLimit } from "../lib/rate-limits";
import { createRouter } from "../lib/router";
import { findUserForLogin } from "../users/users.queries";
import { loginRoute, logoutRoute } from "./auth.routes";
import { caller } from "./middleware";
import { decoyPasswordHash, verifyPassword } from "./passwords";
import { createSession, deleteSession } from "./sessions";

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid("json");
    // Counted before the PBKDF2 work, so a guesser over the limit costs us nothing but the check.
    await enforceAddressLimit(c, "SIGN_IN_ADDRESS_LIMITER");
    await enforceUsernameLimit(c, username);
    const db = createDb(c.env.DB);
    const user = await findUserForLogin(db, username);
    // An unknown user still costs one PBKDF2, and both failures read the same: usernames do not leak.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !ok) throw new ApiError(401, "INVALID_CREDENTIALS", "Wrong username or password.");
    await createSession(db, c, user.id);
    return c.json({ user: { id: user.id, username: user.username, role: user.role } }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const auth = caller(c);
    if (auth.via === "session") await deleteSession(createDb(c.env.DB), c, auth.sessionId);
    return c.body(null, 204);
  });
