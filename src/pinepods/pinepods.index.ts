import { actsAsAdmin } from "../auth/auth-context";
import { checkCredentials } from "../auth/credentials";
import { caller } from "../auth/middleware";
import { createKeyFor, deleteKeyAs, listKeysAs } from "../keys/keys.service";
import { ApiError } from "../lib/errors";
import { inWriteScope } from "../lib/request-scope";
import { createRouter } from "../lib/router";
import { readBasicCredentials } from "./basic-auth";
import { createApiKeyRoute, deleteApiKeyRoute, getApiInfoRoute, getKeyRoute, getUserRoute, verifyKeyRoute } from "./pinepods.routes";

const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** "Sign-in from <User-Agent>", cleaned and cut to fit a key name. */
function signInKeyName(userAgent: string | undefined): string {
  const agent = (userAgent ?? "").replace(CONTROL_CHARACTERS, "").trim() || "an unknown client";
  return `Sign-in from ${agent}`.slice(0, 100);
}

function onlyYourself(requested: number, own: number) {
  if (requested !== own) throw new ApiError(403, "FORBIDDEN", "You may only do this for your own user id.");
}

export const pinepodsRouter = createRouter()
  .openapi(verifyKeyRoute, (c) => c.json({ status: "success" as const }, 200))
  .openapi(getUserRoute, (c) => c.json({ status: "success" as const, retrieved_id: caller(c).user.id }, 200))
  .openapi(getKeyRoute, async (c) => {
    const { username, password } = readBasicCredentials(c.req.header("authorization"));
    const user = await checkCredentials(c, username, password);
    const actor = { via: "session" as const, user, sessionId: "", twoFactor: false };
    const name = signInKeyName(c.req.header("user-agent"));
    const { key } = await inWriteScope(c, (scope) => createKeyFor(c.env, actor, { name, scope: "full" }, scope));
    return c.json({ status: "success" as const, retrieved_key: key, user_id: user.id, mfa_required: false as const, mfa_session_token: null }, 200);
  })
  .openapi(getApiInfoRoute, async (c) => {
    const auth = caller(c);
    const { user_id } = c.req.valid("param");
    if (!actsAsAdmin(auth)) onlyYourself(user_id, auth.user.id);
    const keys = await listKeysAs(c.env.DB, auth);
    const api_info = keys.map((k) => ({
      apikeyid: k.id,
      userid: k.owner.id,
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
    onlyYourself(user_id, actor.user.id);
    if (rssonly) throw new ApiError(400, "BAD_REQUEST", "RSS-only keys are not supported by Podkeys; send rssonly: false.");
    // A key creating a key hands on its own expiry: it may not mint one that outlives it.
    const expiresAt = actor.via === "apiKey" && actor.key.expiresAt !== null ? new Date(actor.key.expiresAt).toISOString() : undefined;
    const { key } = await inWriteScope(c, (scope) => createKeyFor(c.env, actor, { name: "Pinepods API key", scope: "full", expiresAt }, scope));
    return c.json({ api_key: key }, 200);
  })
  .openapi(deleteApiKeyRoute, async (c) => {
    await inWriteScope(c, (scope) => deleteKeyAs(caller(c), c.req.valid("json").api_id, scope));
    return c.json({ detail: "API key deleted." as const }, 200);
  });
