import { caller } from "../auth/middleware";
import { clientAddress } from "../lib/client-address";
import { enforceAddressLimit } from "../lib/rate-limits";
import { createRouter } from "../lib/router";
import { createKeyRoute, deleteKeyRoute, listKeysRoute, rollKeyRoute, updateKeyRoute, verifyKeyRoute } from "./keys.routes";
import { createKeyFor, deleteKeyAs, listKeysAs, rollKeyAs, setKeyEnabledAs } from "./keys.service";
import { verifyKey } from "./verify-key";

export const keysRouter = createRouter()
  .openapi(listKeysRoute, async (c) => {
    const keys = await listKeysAs(c.env, caller(c).user, c.req.valid("query"));
    return c.json({ keys }, 200);
  })
  .openapi(createKeyRoute, async (c) => {
    // The one and only answer that carries the plaintext key.
    const created = await createKeyFor(c.env, caller(c), c.req.valid("json"), { ip: clientAddress(c.req.raw) });
    return c.json(created, 201);
  })
  .openapi(deleteKeyRoute, async (c) => {
    await deleteKeyAs(c.env, caller(c), c.req.valid("param").id, { ip: clientAddress(c.req.raw) });
    return c.body(null, 204);
  })
  .openapi(rollKeyRoute, async (c) => {
    const { graceSeconds } = c.req.valid("json");
    const rolled = await rollKeyAs(c.env, caller(c), c.req.valid("param").id, graceSeconds, { ip: clientAddress(c.req.raw) });
    return c.json(rolled, 201);
  })
  .openapi(updateKeyRoute, async (c) => {
    const { enabled } = c.req.valid("json");
    const apiKey = await setKeyEnabledAs(c.env, caller(c), c.req.valid("param").id, enabled, { ip: clientAddress(c.req.raw) });
    return c.json({ apiKey }, 200);
  })
  .openapi(verifyKeyRoute, async (c) => {
    const check = await verifyKey(c.env, c.executionCtx, c.req.valid("json").key);
    if (!check.valid) {
      await enforceAddressLimit(c, "KEY_FAILURE_LIMITER"); // guessing keys here is as limited as guessing them in headers
      return c.json({ valid: false as const, code: check.code }, 200);
    }
    const { keyId, scope, expiresAt, user } = check.key;
    return c.json({ valid: true as const, keyId, scope, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(), user }, 200);
  });
