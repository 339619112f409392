import { createDb } from "../../db/client";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { actsAsAdmin } from "../../identity/caller";
import { listAudit } from "../../services/audit/audit.queries";
import { listAuditRoute } from "./audit.routes";

export const auditRouter = createRouter().openapi(listAuditRoute, async (c) => {
  const auth = caller(c);
  const admin = actsAsAdmin(auth);
  const { cursor, limit, type, userId, keyId } = c.req.valid("query");
  // The filters only narrow: whoever may not see everything still sees only their own keys and account.
  const events = await listAudit(createDb(c.env.DB), {
    // An admin's read key sees only events about its owner's own keys and account (actsAsAdmin).
    ownerId: admin ? undefined : auth.user.id,
    type,
    userId,
    keyId,
    before: cursor,
    limit,
  });
  const nextCursor = events.length === limit ? String(events.at(-1)!.id) : null;
  // Addresses are an administrator's to see. Anyone else sees the address only on what they did
  // themselves: not an administrator's address on a reset of their password, nor a stranger's on a
  // failed sign-in to their account.
  const shown = admin ? events : events.map((event) => (event.actor?.id === auth.user.id ? event : { ...event, ip: null }));
  return c.json({ events: shown, nextCursor }, 200);
});
