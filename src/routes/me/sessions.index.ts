import { and, eq, ne } from "drizzle-orm";
import { deleteCookie } from "hono/cookie";
import { createDb } from "../../db/client";
import { sessions } from "../../db/schema";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { clientAddress } from "../../lib/client-address";
import { ApiError, notFound } from "../../lib/errors";
import { recordAudit, userTarget } from "../../services/audit/audit.queries";
import { endSessionByPublicId, listSessions, SESSION_COOKIE } from "../../services/auth/sessions";
import { endOtherSessionsRoute, endSessionRoute, listSessionsRoute } from "./sessions.routes";

/** requireAuth() without keys guarantees a session; this narrows the type. */
function sessionCaller(c: Parameters<typeof caller>[0]) {
  const auth = caller(c);
  if (auth.via !== "session") throw new ApiError("SESSION_REQUIRED", "Sessions are managed from a signed-in session.");
  return auth;
}

export const sessionsRouter = createRouter()
  .openapi(listSessionsRoute, async (c) => {
    const auth = sessionCaller(c);
    return c.json({ sessions: await listSessions(createDb(c.env.DB), auth.user.id, auth.sessionId) }, 200);
  })
  .openapi(endSessionRoute, async (c) => {
    const auth = sessionCaller(c);
    const db = createDb(c.env.DB);
    const ended = await endSessionByPublicId(db, auth.user.id, c.req.valid("param").id);
    if (!ended) throw notFound("Session");
    if (ended === auth.sessionId) deleteCookie(c, SESSION_COOKIE, { path: "/" });
    await recordAudit(db, {
      type: "session.ended",
      actor: auth,
      target: userTarget(auth.user),
      detail: ended === auth.sessionId ? "this session" : "one session",
      ip: clientAddress(c.req.raw),
    });
    return c.body(null, 204);
  })
  .openapi(endOtherSessionsRoute, async (c) => {
    const auth = sessionCaller(c);
    const db = createDb(c.env.DB);
    const deleted = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, auth.user.id), ne(sessions.id, auth.sessionId)))
      .returning({ id: sessions.id });
    if (deleted.length > 0) {
      await recordAudit(db, {
        type: "session.ended",
        actor: auth,
        target: userTarget(auth.user),
        detail: `all other sessions (${deleted.length})`,
        ip: clientAddress(c.req.raw),
      });
    }
    return c.json({ ended: deleted.length }, 200);
  });
