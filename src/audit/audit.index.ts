import { actsAsAdmin } from "../access/caller";
import { caller } from "../access/require-auth";
import { createDb } from "../db/client";
import { createRouter } from "../lib/router";
import { listAudit } from "./audit.queries";
import { listAuditRoute } from "./audit.routes";

export const auditRouter = createRouter().openapi(listAuditRoute, async (c) => {
  const auth = caller(c);
  const { cursor, limit } = c.req.valid("query");
  const events = await listAudit(createDb(c.env.DB), {
    // An admin's read key sees only events about its owner's own keys and account (actsAsAdmin).
    ownerId: actsAsAdmin(auth) ? undefined : auth.user.id,
    before: cursor,
    limit,
  });
  const nextCursor = events.length === limit ? String(events.at(-1)!.id) : null;
  return c.json({ events, nextCursor }, 200);
});
