import { and, eq, ne, sql } from "drizzle-orm";
import { deleteCookie } from "hono/cookie";
import { createDb } from "../../db/client";
import { sessions } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { clientAddress } from "../../lib/client-address";
import { ApiError, notFound, serviceUnavailable } from "../../lib/errors";
import { auditInsert, userTarget } from "../../services/audit/audit.queries";
import { findSessionByPublicId, listSessions, SESSION_COOKIE } from "../../services/auth/sessions";
import { endOtherSessionsRoute, endSessionRoute, listSessionsRoute } from "./sessions.routes";

/** requireAuth() without keys guarantees a session; this narrows the type. */
function sessionCaller(c: Parameters<typeof caller>[0]) {
  const auth = caller(c);
  if (auth.via !== "session") throw new ApiError("SESSION_REQUIRED", "Sessions are managed from a signed-in session.");
  return auth;
}

/**
 * Ending sessions and recording it are one transaction (the security review saw sessions go 3 → 2 → 1
 * with no event when the audit insert failed): the event's row is written only if the DELETE just
 * before it ended something (`changes()`), and a failure of either leaves every session as it was, 503.
 */
async function endWithEvent<const S extends Parameters<typeof inTransaction>[1]>(db: ReturnType<typeof createDb>, statements: S) {
  try {
    return await inTransaction(db, statements);
  } catch (error) {
    throw serviceUnavailable("The sessions could not be ended; nothing changed.", 5, error);
  }
}

export const sessionsRouter = createRouter()
  .openapi(listSessionsRoute, async (c) => {
    const auth = sessionCaller(c);
    return c.json({ sessions: await listSessions(createDb(c.env.DB), auth.user.id, auth.sessionId) }, 200);
  })
  .openapi(endSessionRoute, async (c) => {
    const auth = sessionCaller(c);
    const db = createDb(c.env.DB);
    const id = await findSessionByPublicId(db, auth.user.id, c.req.valid("param").id);
    if (!id) throw notFound("Session");
    const event = {
      type: "session.ended" as const,
      actor: auth,
      target: userTarget(auth.user),
      detail: id === auth.sessionId ? "this session" : "one session",
      ip: clientAddress(c.req.raw),
    };
    const [ended] = await endWithEvent(db, [
      db
        .delete(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.userId, auth.user.id)))
        .returning({ id: sessions.id }),
      auditInsert(db, event, sql`changes() > 0`),
    ]);
    if (ended.length === 0) throw notFound("Session"); // ended meanwhile by another request
    if (id === auth.sessionId) deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  })
  .openapi(endOtherSessionsRoute, async (c) => {
    const auth = sessionCaller(c);
    const db = createDb(c.env.DB);
    const event = {
      type: "session.ended" as const,
      actor: auth,
      target: userTarget(auth.user),
      detail: sql`'all other sessions (' || changes() || ')'`,
      ip: clientAddress(c.req.raw),
    };
    const [deleted] = await endWithEvent(db, [
      db
        .delete(sessions)
        .where(and(eq(sessions.userId, auth.user.id), ne(sessions.id, auth.sessionId)))
        .returning({ id: sessions.id }),
      auditInsert(db, event, sql`changes() > 0`),
    ]);
    return c.json({ ended: deleted.length }, 200);
  });
