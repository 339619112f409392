import { createDb } from "../db/client";
import { createRouter } from "../lib/router";
import { loginRoute, logoutRoute } from "./auth.routes";
import { checkCredentials } from "./credentials";
import { caller } from "../access/require-auth";
import { createSession, deleteSession } from "./sessions";

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid("json");
    const user = await checkCredentials(c, username, password);
    await createSession(createDb(c.env.DB), c, user.id);
    return c.json({ user }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const auth = caller(c);
    if (auth.via === "session") await deleteSession(createDb(c.env.DB), c, auth.sessionId);
    return c.body(null, 204);
  });
