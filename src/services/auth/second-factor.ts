import type { Context } from "hono";
import { createDb } from "../../db/client";
import type { MFA_PURPOSES } from "../../db/schema";
import type { User as AuthUser } from "../../identity/users.schemas";
import { afterResponse } from "../../lib/after-response";
import { clientAddress } from "../../lib/client-address";
import type { AppEnv } from "../../platform/env";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import { recordAudit, userTarget } from "../audit/audit.queries";
import { findChallenge, spendChallenge } from "./mfa-challenges";
import { checkSecondFactor } from "./second-factor-lockout";

export type SecondFactorOutcome =
  | { outcome: "ok"; user: AuthUser; method: "totp" | "recovery" }
  | { outcome: "expired" }
  | { outcome: "invalid" };

/**
 * The second step of every sign-in with two-factor on (the sign-in form and Pinepods' MFA flow):
 * mfa token + code → the user. Each attempt counts toward the same limits as a password attempt
 * (per address, and per username once the token names the user), so codes cannot be guessed faster
 * than passwords, and under the account's own lock (second-factor-lockout.ts: 10 wrong codes in a
 * row, across tokens, lock the second step). A wrong code leaves the token alive until it expires; the right one spends it.
 */
export async function completeSecondFactor(
  c: Context<AppEnv>,
  token: string,
  purpose: (typeof MFA_PURPOSES)[number],
  code: string,
): Promise<SecondFactorOutcome> {
  await enforceAddressLimit(c.env, c.req.raw, "SIGN_IN_ADDRESS_LIMITER");
  const db = createDb(c.env.DB);
  const user = await findChallenge(db, token, purpose);
  if (!user) return { outcome: "expired" };
  await enforceUsernameLimit(c.env, user.username);
  const ip = clientAddress(c.req.raw);
  const method = await checkSecondFactor(c.env, c.executionCtx, user, code, ip);
  if (!method) {
    afterResponse(c.executionCtx, () =>
      recordAudit(db, { type: "auth.login_failed", actor: null, target: userTarget(user), detail: "wrong two-factor code", ip }),
    );
    return { outcome: "invalid" };
  }
  if (!(await spendChallenge(db, token))) return { outcome: "expired" };
  if (method === "recovery") {
    afterResponse(c.executionCtx, () => recordAudit(db, { type: "auth.recovery_code_used", actor: null, target: userTarget(user), ip }));
  }
  return { outcome: "ok", user, method };
}
