import { caller } from "../auth/middleware";
import { createDb } from "../db/client";
import { readSession, returnBookmark, writeSession } from "../db/d1-session";
import { sha256Hex } from "../lib/crypto";
import { ApiError, notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { evictKey } from "./key-cache";
import { generateKey, keyHint, keyPrefix } from "./key-format";
import { deleteKey, insertKeyWithinLimit, listKeys } from "./keys.queries";
import { createKeyRoute, deleteKeyRoute, listKeysRoute, verifyKeyRoute } from "./keys.routes";
import { verifyKey } from "./verify-key";

const DEFAULT_MAX_KEYS_PER_USER = 100;

export const keysRouter = createRouter()
  .openapi(listKeysRoute, async (c) => {
    const { user } = caller(c);
    const { userId } = c.req.valid("query");
    if (user.role !== "admin" && userId !== undefined && userId !== user.id) {
      throw new ApiError(403, "FORBIDDEN", "Only administrators may list other users' keys.");
    }
    // A list may come from a read replica; the caller was checked on the primary (requireAuth).
    const session = readSession(c);
    const keys = await listKeys(createDb(session), { userId: user.role === "admin" ? userId : user.id });
    returnBookmark(c, session);
    return c.json({ keys }, 200);
  })
  .openapi(createKeyRoute, async (c) => {
    const { user } = caller(c);
    const { name } = c.req.valid("json");
    const prefix = keyPrefix(c.env.KEY_PREFIX);
    const key = generateKey(prefix);
    const maxKeys = Number(c.env.MAX_KEYS_PER_USER) || DEFAULT_MAX_KEYS_PER_USER;
    const session = writeSession(c);
    const id = await insertKeyWithinLimit(
      session,
      { userId: user.id, name, keyHash: await sha256Hex(key), hint: keyHint(key, prefix) },
      maxKeys,
    );
    if (id === undefined) {
      throw new ApiError(409, "KEY_LIMIT_REACHED", `You already have ${maxKeys} keys, the most allowed. Delete one to create another.`);
    }
    const [apiKey] = await listKeys(createDb(session), { keyId: id });
    returnBookmark(c, session);
    // The one and only time the plaintext key leaves the Worker.
    return c.json({ key, apiKey: apiKey! }, 201);
  })
  .openapi(deleteKeyRoute, async (c) => {
    const { user } = caller(c);
    const { id } = c.req.valid("param");
    // Another user's key answers 404, exactly like a missing one, so ids reveal nothing.
    const session = writeSession(c);
    const keyHash = await deleteKey(createDb(session), id, user.role === "admin" ? undefined : user.id);
    if (!keyHash) throw notFound("Key");
    evictKey(keyHash);
    returnBookmark(c, session);
    return c.body(null, 204);
  })
  .openapi(verifyKeyRoute, async (c) => {
    const check = await verifyKey(c.env, c.executionCtx, c.req.valid("json").key);
    if (!check.valid) return c.json({ valid: false as const, code: check.code }, 200);
    return c.json({ valid: true as const, keyId: check.key.keyId, user: check.key.user }, 200);
  });
