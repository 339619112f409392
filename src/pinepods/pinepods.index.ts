import { checkCredentials } from "../auth/credentials";
import { caller } from "../access/require-auth";
import { createDb } from "../db/client";
import { createKeyFor, deleteKeyAs, listKeysAs } from "../keys/keys.service";
import { mintSignInKey } from "../keys/sign-in-keys";
import { ApiError } from "../lib/errors";
import { inWriteScope } from "../db/request-scope";
import { createRouter } from "../lib/router";
import { readBasicCredentials } from "./basic-auth";
import { assertMayReadUser, findPinepodsUser, pinepodsIdOf } from "./pinepods-users";
import { createApiKeyRoute, deleteApiKeyRoute, getApiInfoRoute, getKeyRoute, getUserRoute, verifyKeyRoute } from "./pinepods.routes";

const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** "Sign-in from <User-Agent>", cleaned and cut to fit a key name. */
function signInKeyName(userAgent: string | undefined): string {
  const agent = (userAgent ?? "").replace(CONTROL_CHARACTERS, "").trim() || "an unknown client";
  return `Sign-in from ${agent}`.slice(0, 100);
}

export const pinepodsRouter = createRouter()
  .openapi(verifyKeyRoute, (c) => c.json({ status: "success" as const }, 200))
  .openapi(getUserRoute, async (c) =>
    c.json({ status: "success" as const, retrieved_id: await pinepodsIdOf(createDb(c.env.DB), c.env, caller(c).user) }, 200),
  )
  .openapi(getKeyRoute, async (c) => {
    // Hono answers HEAD with the GET handler: a probe must not mint a key nobody receives.
    if (c.req.method === "HEAD") throw new ApiError("METHOD_NOT_ALLOWED", "Use GET to sign in.", { Allow: "GET" });
    const { username, password } = readBasicCredentials(c.req.header("authorization"));
    const user = await checkCredentials(c, username, password);
    const name = signInKeyName(c.req.header("user-agent"));
    const key = await inWriteScope(c, (scope) => mintSignInKey(c.env, createDb(scope.d1), user, name, scope.ip));
    const user_id = await pinepodsIdOf(createDb(c.env.DB), c.env, user);
    return c.json({ status: "success" as const, retrieved_key: key, user_id, mfa_required: false as const, mfa_session_token: null }, 200);
  })
  .openapi(getApiInfoRoute, async (c) => {
    const actor = caller(c);
    const db = createDb(c.env.DB);
    const owner = await findPinepodsUser(db, c.env, c.req.valid("param").user_id);
    assertMayReadUser(actor, owner);
    const userid = await pinepodsIdOf(db, c.env, owner);
    const keys = await listKeysAs(c.env.DB, actor.user, { userId: owner.id });
    const api_info = keys.map((k) => ({
      apikeyid: k.id,
      userid,
      username: k.owner.username,
      lastfourdigits: k.hint.slice(-4),
      created: k.createdAt,
      podcastids: [] as number[],
    }));
    return c.json({ api_info }, 200);
  })
  .openapi(createApiKeyRoute, async (c) => {
    const actor = caller(c);
    const { user_id, rssonly } = c.req.valid("json");
    const owner = await findPinepodsUser(createDb(c.env.DB), c.env, user_id).catch(() => undefined);
    if (owner?.id !== actor.user.id) throw new ApiError("FORBIDDEN", "You may only create keys for your own user id.");
    if (rssonly) throw new ApiError("BAD_REQUEST", "RSS-only keys are not supported by Podkeys; send rssonly: false.");
    // A key creating a key hands on its own expiry: it may not mint one that outlives it.
    const expiresAt = actor.via === "apiKey" && actor.key.expiresAt !== null ? new Date(actor.key.expiresAt).toISOString() : undefined;
    const { key } = await inWriteScope(c, (scope) => createKeyFor(c.env, actor, { name: "Pinepods API key", scope: "full", expiresAt }, scope));
    return c.json({ api_key: key }, 200);
  })
  .openapi(deleteApiKeyRoute, async (c) => {
    await inWriteScope(c, (scope) => deleteKeyAs(caller(c), c.req.valid("json").api_id, scope));
    return c.json({ detail: "API key deleted." as const }, 200);
  });
