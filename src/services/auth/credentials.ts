import type { Db } from "../../db/client";
import type { User } from "../../identity/users.schemas";
import { afterResponse } from "../../lib/after-response";
import { ApiError } from "../../lib/errors";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import type { RequestScope } from "../../platform/request-scope";
import { recordAudit, userTarget } from "../audit/audit.queries";
import { findUserForLogin } from "../users/users.queries";
import { decoyPasswordHash, verifyPassword } from "./passwords";

type LoginRow = Awaited<ReturnType<typeof findUserForLogin>>;

/**
 * Username and password → the user, for every way of signing in (the login form, Pinepods' Basic-auth
 * get_key). Both failures read the same, and an unknown user still costs one PBKDF2, so neither the
 * answer nor its timing says which usernames exist. With the gateway's accounts on, the door calls
 * the parts below itself (services/gateway/origin-accounts.ts).
 */
export async function checkCredentials(
  scope: RequestScope,
  username: string,
  password: string,
): Promise<{ user: User; twoFactor: boolean }> {
  await enforceSignInLimits(scope, username);
  return verifyLocalCredentials(scope, scope.db, await findUserForLogin(scope.db, username), password);
}

/** Counted before any password work (PBKDF2, or a call to the origin), so a guesser over the limit costs us nothing but the check. */
export async function enforceSignInLimits(scope: RequestScope, username: string): Promise<void> {
  await enforceAddressLimit(scope.env, scope.ip, "SIGN_IN_ADDRESS_LIMITER");
  await enforceUsernameLimit(scope.env, username);
}

/** The Podkeys password check of one looked-up account (or of none: the decoy). */
export async function verifyLocalCredentials(
  scope: RequestScope,
  db: Db,
  user: LoginRow,
  password: string,
): Promise<{ user: User; twoFactor: boolean }> {
  const ok = await verifyPassword(password, user?.passwordHash || (await decoyPasswordHash()));
  if (user && ok) return { user: { id: user.id, username: user.username, role: user.role }, twoFactor: user.twoFactorEnabledAt !== null };
  // Only attempts on real accounts are recorded (a mistyped username may be someone's password),
  // after the answer, so the extra write does not time-stamp which usernames exist.
  if (user) recordFailedSignIn(scope, db, user);
  // A right password answers after one more D1 write (the mfa token, or the session). A failure makes
  // one write too — clearing expired mfa tokens, which the daily clean-up would otherwise do — so an
  // unknown user, a wrong password and a right one (two-factor on or off) cost the same PBKDF2 and the
  // same D1 round trips before the answer (test/auth/sign-in-timing.test.ts counts them; bench row s).
  await scope.env.DB.prepare("DELETE FROM mfa_challenges WHERE expires_at <= ?").bind(Date.now()).run();
  throw invalidCredentials();
}

export const invalidCredentials = () => new ApiError("INVALID_CREDENTIALS", "Wrong username or password.");

export function recordFailedSignIn(scope: RequestScope, db: Db, user: { id: number; username: string }): void {
  const target = userTarget(user);
  const { ip } = scope;
  afterResponse(scope.waitUntil, "audit auth.login_failed", () => recordAudit(db, { type: "auth.login_failed", actor: null, target, ip }));
}
