import { inWriteScope } from "../../http/request-scope";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { assertRecentAuthentication } from "../../identity/step-up";
import { clientAddress } from "../../lib/client-address";
import { readSession, returnBookmark } from "../../platform/d1-session";
import { deleteExpiredKeys } from "../../services/keys/expired-keys";
import { checkKeyLimited } from "../../services/keys/key-auth";
import {
  createKeyFor,
  deleteKeyAs,
  expiredKeysOwner,
  grantsKeyManagement,
  keyUsageAs,
  listKeysAs,
  rollKeyAs,
  updateKeyAs,
} from "../../services/keys/keys.service";
import { verifyAnswerOf } from "../../services/keys/verify-answer";
import { noticeKeyCreatedByKey } from "../../services/notifications/account-notices";
import {
  createKeyRoute,
  deleteExpiredKeysRoute,
  deleteKeyRoute,
  keyUsageRoute,
  listKeysRoute,
  rollKeyRoute,
  updateKeyRoute,
  verifyKeyRoute,
} from "./keys.routes";

export const keysRouter = createRouter()
  .openapi(listKeysRoute, async (c) => {
    // A list may come from a read replica; the caller was checked on the primary (requireAuth).
    const session = readSession(c);
    const keys = await listKeysAs(session, caller(c), c.req.valid("query"));
    returnBookmark(c, session);
    return c.json({ keys }, 200);
  })
  .openapi(createKeyRoute, async (c) => {
    const actor = caller(c);
    const request = c.req.valid("json");
    // A key that may manage keys or administer is a step-up change when a session asks for it.
    if (grantsKeyManagement(actor, request)) assertRecentAuthentication(actor);
    // The one and only answer that carries the plaintext key.
    const created = await inWriteScope(c, (scope) => createKeyFor(c.env, actor, request, scope));
    if (actor.via === "apiKey") noticeKeyCreatedByKey({ env: c.env, ctx: c.executionCtx }, actor.user.id, created.apiKey, actor.key);
    return c.json(created, 201);
  })
  .openapi(deleteKeyRoute, async (c) => {
    await inWriteScope(c, (scope) => deleteKeyAs(caller(c), c.req.valid("param").id, scope));
    return c.body(null, 204);
  })
  .openapi(keyUsageRoute, async (c) => {
    // Counts are advisory and a moment behind anyway: a replica may answer.
    const session = readSession(c);
    const days = await keyUsageAs(session, caller(c), c.req.valid("param").id, c.req.valid("query").days);
    returnBookmark(c, session);
    return c.json({ days }, 200);
  })
  .openapi(deleteExpiredKeysRoute, async (c) => {
    const owner = expiredKeysOwner(caller(c), c.req.valid("query").userId);
    const deleted = await inWriteScope(c, (scope) => deleteExpiredKeys(caller(c), owner, scope));
    return c.json({ deleted }, 200);
  })
  .openapi(rollKeyRoute, async (c) => {
    const { graceSeconds, expiresAt } = c.req.valid("json");
    const rolled = await inWriteScope(c, (scope) => rollKeyAs(c.env, caller(c), c.req.valid("param").id, graceSeconds, scope, expiresAt));
    return c.json(rolled, 201);
  })
  .openapi(updateKeyRoute, async (c) => {
    const apiKey = await inWriteScope(c, (scope) => updateKeyAs(caller(c), c.req.valid("param").id, c.req.valid("json"), scope));
    return c.json({ apiKey }, 200);
  })
  .openapi(verifyKeyRoute, async (c) => {
    // The same answer KeyService.verify gives other Workers over RPC (rpc/key-service.ts), behind the failed-key limiter.
    const check = await checkKeyLimited(c.env, c.executionCtx, c.req.valid("json").key, clientAddress(c.req.raw));
    return c.json(check.valid ? verifyAnswerOf(check.caller) : { valid: false as const, code: check.code }, 200);
  });
