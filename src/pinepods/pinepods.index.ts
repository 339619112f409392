import type { Context } from "hono";
import { actsAsAdmin } from "../access/caller";
import type { User as AuthUser } from "../users/users.schemas";
import { createChallenge } from "../auth/mfa-challenges";
import { completeSecondFactor } from "../auth/second-factor";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import { checkCredentials } from "../auth/credentials";
import { caller } from "../access/require-auth";
import { createKeyFor, deleteKeyAs, listKeysAs } from "../keys/keys.service";
import { ApiError } from "../lib/errors";
import { inWriteScope } from "../db/request-scope";
import { createRouter } from "../lib/router";
import { readBasicCredentials } from "./basic-auth";
import {
  createApiKeyRoute,
  deleteApiKeyRoute,
  getApiInfoRoute,
  getKeyRoute,
  getUserRoute,
  verifyKeyRoute,
  verifyMfaAndGetKeyRoute,
} from "./pinepods.routes";

const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** "Sign-in from <User-Agent>", cleaned and cut to fit a key name. */
function signInKeyName(userAgent: string | undefined): string {
  const agent = (userAgent ?? "").replace(CONTROL_CHARACTERS, "").trim() || "an unknown client";
  return `Sign-in from ${agent}`.slice(0, 100);
}

/** The full-scope key Pinepods' sign-in hands out, named after the client that asked for it. */
async function mintSignInKey(c: Context<AppEnv>, user: AuthUser): Promise<string> {
  const actor = { via: "session" as const, user, sessionId: "", twoFactor: false };
  const name = signInKeyName(c.req.header("user-agent"));
  const { key } = await inWriteScope(c, (scope) => createKeyFor(c.env, actor, { name, scope: "full" }, scope));
  return key;
}

function onlyYourself(requested: number, own: number) {
  if (requested !== own) throw new ApiError("FORBIDDEN", "You may only do this for your own user id.");
}

export const pinepodsRouter = createRouter()
  .openapi(verifyKeyRoute, (c) => c.json({ status: "success" as const }, 200))
  .openapi(getUserRoute, (c) => c.json({ status: "success" as const, retrieved_id: caller(c).user.id }, 200))
  .openapi(getKeyRoute, async (c) => {
    // Hono answers HEAD with the GET handler; a HEAD (a link checker, a preflight-happy client) must not mint a key.
    if (c.req.method === "HEAD") throw new ApiError("METHOD_NOT_ALLOWED", "Use GET to sign in.", { Allow: "GET" });
    const { username, password } = readBasicCredentials(c.req.header("authorization"));
    const { user, twoFactor } = await checkCredentials(c, username, password);
    if (twoFactor) {
      // Pinepods' MFA flow: no key until verify_mfa_and_get_key has the second factor.
      const token = await createChallenge(createDb(c.env.DB), user.id, "pinepods_key");
      return c.json({ status: "mfa_required" as const, retrieved_key: null, mfa_required: true as const, user_id: user.id, mfa_session_token: token }, 200);
    }
    const key = await mintSignInKey(c, user);
    return c.json({ status: "success" as const, retrieved_key: key, user_id: user.id, mfa_required: false as const, mfa_session_token: null }, 200);
  })
  .openapi(verifyMfaAndGetKeyRoute, async (c) => {
    const { mfa_session_token, mfa_code } = c.req.valid("json");
    const result = await completeSecondFactor(c, mfa_session_token, "pinepods_key", mfa_code);
    if (result.outcome !== "ok") {
      const status = result.outcome === "invalid" ? ("invalid_code" as const) : ("session_expired" as const);
      return c.json({ status, retrieved_key: null, verified: false }, 200);
    }
    return c.json({ status: "success" as const, retrieved_key: await mintSignInKey(c, result.user), verified: true }, 200);
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
