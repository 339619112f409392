import type { MFA_PURPOSES } from "../../db/schema";
import type { User as AuthUser } from "../../identity/users.schemas";
import { afterResponse } from "../../lib/after-response";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import type { RequestScope } from "../../platform/request-scope";
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
  scope: RequestScope,
  token: string,
  purpose: (typeof MFA_PURPOSES)[number],
  code: string,
): Promise<SecondFactorOutcome> {
  await enforceAddressLimit(scope.env, scope.ip, "SIGN_IN_ADDRESS_LIMITER");
  const { db, ip } = scope;
  const user = await findChallenge(db, token, purpose);
  if (!user) return { outcome: "expired" };
  await enforceUsernameLimit(scope.env, user.username);
  const method = await checkSecondFactor(scope.env, scope.waitUntil, user, code, ip);
  if (!method) {
    afterResponse(scope.waitUntil, "audit auth.login_failed", () =>
      recordAudit(db, { type: "auth.login_failed", actor: null, target: userTarget(user), detail: "wrong two-factor code", ip }),
    );
    return { outcome: "invalid" };
  }
  if (!(await spendChallenge(db, token))) return { outcome: "expired" };
  if (method === "recovery") {
    afterResponse(scope.waitUntil, "audit auth.recovery_code_used", () =>
      recordAudit(db, { type: "auth.recovery_code_used", actor: null, target: userTarget(user), ip }),
    );
  }
  return { outcome: "ok", user, method };
}
