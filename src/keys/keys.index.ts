import { caller } from "../auth/middleware";
import { createRouter } from "../lib/router";
import { createKeyRoute, deleteKeyRoute, listKeysRoute, verifyKeyRoute } from "./keys.routes";
import { createKeyFor, deleteKeyAs, listKeysAs } from "./keys.service";
import { verifyKey } from "./verify-key";

export const keysRouter = createRouter()
  .openapi(listKeysRoute, async (c) => {
    const keys = await listKeysAs(c.env, caller(c).user, c.req.valid("query").userId);
    return c.json({ keys }, 200);
  })
  .openapi(createKeyRoute, async (c) => {
    // The one and only answer that carries the plaintext key.
    const created = await createKeyFor(c.env, caller(c).user, c.req.valid("json").name);
    return c.json(created, 201);
  })
  .openapi(deleteKeyRoute, async (c) => {
    await deleteKeyAs(c.env, caller(c).user, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(verifyKeyRoute, async (c) => {
    const check = await verifyKey(c.env, c.executionCtx, c.req.valid("json").key);
    if (!check.valid) return c.json({ valid: false as const, code: check.code }, 200);
    return c.json({ valid: true as const, keyId: check.key.keyId, user: check.key.user }, 200);
  });
