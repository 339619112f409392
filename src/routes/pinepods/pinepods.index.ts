import type { Context } from "hono";
import { createDb } from "../../db/client";
import { inWriteScope, scopeOf } from "../../http/request-scope";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import type { User as AuthUser } from "../../identity/users.schemas";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../../platform/env";
import { createChallenge } from "../../services/auth/mfa-challenges";
import { completeSecondFactor } from "../../services/auth/second-factor";
import { checkDoorCredentials, completeOriginStep } from "../../services/gateway/origin-accounts";
import { createKeyFor, deleteKeyAs, listKeysAs } from "../../services/keys/keys.service";
import { mintSignInKey } from "../../services/keys/sign-in-keys";
import { readBasicCredentials } from "../../services/pinepods/basic-auth";
import { assertMayReadUser, findPinepodsUser, pinepodsIdOf } from "../../services/pinepods/pinepods-users";
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

/** The sign-in key Pinepods' sign-in hands out (services/keys/sign-in-keys.ts), named after the client that asked for it. */
function signInKeyFor(c: Context<AppEnv>, user: AuthUser): Promise<string> {
  const name = signInKeyName(c.req.header("user-agent"));
  return inWriteScope(c, (scope) => mintSignInKey(c.env, createDb(scope.d1), user, name, scope.ip));
}

export const pinepodsRouter = createRouter()
  .openapi(verifyKeyRoute, (c) => c.json({ status: "success" as const }, 200))
  .openapi(getUserRoute, async (c) =>
    c.json({ status: "success" as const, retrieved_id: await pinepodsIdOf(createDb(c.env.DB), c.env, caller(c).user) }, 200),
  )
  .openapi(getKeyRoute, async (c) => {
    // Hono answers HEAD with the GET handler; a HEAD (a link checker, a preflight-happy client) must not mint a key.
    if (c.req.method === "HEAD") throw new ApiError("METHOD_NOT_ALLOWED", "Use GET to sign in.", { Allow: "GET" });
    const { username, password } = readBasicCredentials(c.req.header("authorization"));
    const signIn = await checkDoorCredentials(scopeOf(c), username, password, "pinepods_key");
    if ("originStep" in signIn) {
      // Pinepods' own two-factor step, relayed: the client gets Podkeys' token, never the origin's.
      const { token, originUserId } = signIn.originStep;
      return c.json(
        {
          status: "mfa_required" as const,
          retrieved_key: null,
          mfa_required: true as const,
          user_id: originUserId,
          mfa_session_token: token,
        },
        200,
      );
    }
    const { user, twoFactor } = signIn;
    if (twoFactor) {
      // Pinepods' MFA flow: no key until verify_mfa_and_get_key has the second factor.
      const token = await createChallenge(createDb(c.env.DB), user.id, "pinepods_key");
      return c.json(
        {
          status: "mfa_required" as const,
          retrieved_key: null,
          mfa_required: true as const,
          user_id: await pinepodsIdOf(createDb(c.env.DB), c.env, user),
          mfa_session_token: token,
        },
        200,
      );
    }
    // Every read the answer needs comes first: once the key is minted (one transaction with its audit
    // event and the oldest sign-in key's revocation), nothing may fail before the client holds it.
    const user_id = await pinepodsIdOf(createDb(c.env.DB), c.env, user);
    const key = await signInKeyFor(c, user);
    return c.json({ status: "success" as const, retrieved_key: key, user_id, mfa_required: false as const, mfa_session_token: null }, 200);
  })
  .openapi(verifyMfaAndGetKeyRoute, async (c) => {
    const { mfa_session_token, mfa_code } = c.req.valid("json");
    const result =
      (await completeOriginStep(scopeOf(c), mfa_session_token, "pinepods_key", mfa_code)) ??
      (await completeSecondFactor(scopeOf(c), mfa_session_token, "pinepods_key", mfa_code));
    if (result.outcome !== "ok") {
      const status = result.outcome === "invalid" ? ("invalid_code" as const) : ("session_expired" as const);
      return c.json({ status, retrieved_key: null, verified: false }, 200);
    }
    return c.json({ status: "success" as const, retrieved_key: await signInKeyFor(c, result.user), verified: true }, 200);
  })
  .openapi(getApiInfoRoute, async (c) => {
    const actor = caller(c);
    const db = createDb(c.env.DB);
    const owner = await findPinepodsUser(db, c.env, c.req.valid("param").user_id);
    assertMayReadUser(actor, owner);
    const userid = await pinepodsIdOf(db, c.env, owner);
    const keys = await listKeysAs(c.env.DB, actor, { userId: owner.id });
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
    // Only "no such user" becomes the 403; a failing D1 stays a 503 (fail closed, never a verdict).
    const owner = await findPinepodsUser(createDb(c.env.DB), c.env, user_id).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === "NOT_FOUND") return undefined;
      throw error;
    });
    if (owner?.id !== actor.user.id) throw new ApiError("FORBIDDEN", "You may only create keys for your own user id.");
    if (rssonly) throw new ApiError("BAD_REQUEST", "RSS-only keys are not supported by Podkeys; send rssonly: false.");
    // A key creating a key hands on its own expiry: it may not mint one that outlives it.
    const expiresAt = actor.via === "apiKey" && actor.key.expiresAt !== null ? new Date(actor.key.expiresAt).toISOString() : undefined;
    const { key } = await inWriteScope(c, (scope) =>
      createKeyFor(c.env, actor, { name: "Pinepods API key", scope: "full", expiresAt }, scope),
    );
    return c.json({ api_key: key }, 200);
  })
  .openapi(deleteApiKeyRoute, async (c) => {
    await inWriteScope(c, (scope) => deleteKeyAs(caller(c), c.req.valid("json").api_id, scope));
    return c.json({ detail: "API key deleted." as const }, 200);
  });
