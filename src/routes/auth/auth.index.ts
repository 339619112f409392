import type { Context } from "hono";
import { createDb } from "../../db/client";
import { scopeOf } from "../../http/request-scope";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import type { User as AuthUser } from "../../identity/users.schemas";
import { afterResponse } from "../../lib/after-response";
import { requestCountry } from "../../lib/client-address";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../../platform/env";
import { recordAudit, userTarget } from "../../services/audit/audit.queries";
import { createChallenge } from "../../services/auth/mfa-challenges";
import { reauthenticate } from "../../services/auth/reauthenticate";
import { completeSecondFactor } from "../../services/auth/second-factor";
import { cleanUserAgent, clearSessionCookie, createSession, deleteSession, setSessionCookie } from "../../services/auth/sessions";
import { checkDoorCredentials, checkOriginPassword, completeOriginStep } from "../../services/gateway/origin-accounts";
import { noticeSignInCountry } from "../../services/notifications/account-notices";
import { loginRoute, loginTwoFactorRoute, logoutRoute, reauthenticateRoute } from "./auth.routes";

/** A new session for a user who proved who they are, recorded as `auth.login` after the answer. */
async function signIn(c: Context<AppEnv>, user: AuthUser, detail?: string) {
  const scope = scopeOf(c);
  setSessionCookie(c, await createSession(scope, user.id));
  // Where and on what, so the activity can tell two sign-ins apart ("Chrome on Linux, Germany"); the user
  // agent last, since it has spaces and runs to the end of the detail.
  const country = requestCountry(c.req.raw);
  const userAgent = cleanUserAgent(c.req.header("user-agent"));
  detail = [detail, country && `country=${country}`, userAgent && `userAgent=${userAgent}`].filter(Boolean).join(" ") || undefined;
  // The user is the actor: they signed themselves in (the activity reads "Signed in: bob · by bob").
  const actor = { via: "session" as const, user };
  const event = { type: "auth.login" as const, actor, target: userTarget(user), detail, ip: scope.ip };
  afterResponse(scope.waitUntil, "audit auth.login", () => recordAudit(scope.db, event));
  noticeSignInCountry({ env: scope.env, ctx: scope.waitUntil }, user.id, scope.country ?? undefined);
}

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid("json");
    const checked = await checkDoorCredentials(scopeOf(c), username, password, "session");
    // Pinepods' two-factor step, relayed (services/gateway/origin-accounts.ts): the same answer as Podkeys' own.
    if ("originStep" in checked) return c.json({ twoFactorRequired: true as const, mfaToken: checked.originStep.token }, 200);
    const { user, twoFactor } = checked;
    if (twoFactor) {
      // The password was right, but it is only half: no session until the second factor.
      const mfaToken = await createChallenge(createDb(c.env.DB), user.id, "session");
      return c.json({ twoFactorRequired: true as const, mfaToken }, 200);
    }
    await signIn(c, user);
    return c.json({ user }, 200);
  })
  .openapi(loginTwoFactorRoute, async (c) => {
    const { mfaToken, code } = c.req.valid("json");
    const result =
      (await completeOriginStep(scopeOf(c), mfaToken, "session", code)) ??
      (await completeSecondFactor(scopeOf(c), mfaToken, "session", code));
    if (result.outcome === "expired")
      throw new ApiError("INVALID_MFA_TOKEN", "This sign-in has expired or was already completed: sign in again.");
    if (result.outcome === "invalid") throw new ApiError("INVALID_TWO_FACTOR_CODE", "That code is not right (or was already used).");
    const method = "method" in result ? result.method : "pinepods";
    await signIn(
      c,
      result.user,
      method === "recovery" ? "two-factor: recovery code" : `two-factor: ${method === "pinepods" ? "Pinepods code" : "authenticator code"}`,
    );
    return c.json({ user: result.user }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const auth = caller(c);
    if (auth.via === "session") {
      await deleteSession(scopeOf(c).db, auth.sessionId);
      clearSessionCookie(c);
    }
    return c.body(null, 204);
  })
  .openapi(reauthenticateRoute, async (c) => {
    const auth = caller(c);
    if (auth.via !== "session") throw new ApiError("SESSION_REQUIRED", "Confirming it's you needs a signed-in session.");
    const scope = scopeOf(c);
    const originPassword = (userId: number, password: string) => checkOriginPassword(scope.env, userId, password);
    const until = await reauthenticate(scope.env, scope.waitUntil, auth, c.req.valid("json"), scope.ip, originPassword);
    return c.json({ until: until.toISOString() }, 200);
  });
