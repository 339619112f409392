import type { Context } from "hono";
import { createDb } from "../../db/client";
import type { User } from "../../identity/users.schemas";
import { afterResponse } from "../../lib/after-response";
import { clientAddress } from "../../lib/client-address";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../../platform/env";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import { recordAudit, userTarget } from "../audit/audit.queries";
import { findUserForLogin } from "../users/users.queries";
import { decoyPasswordHash, verifyPassword } from "./passwords";

/**
 * Username and password → the user, for every way of signing in (the login form, Pinepods' Basic-auth
 * get_key). Both failures read the same, and an unknown user still costs one PBKDF2, so neither the
 * answer nor its timing says which usernames exist.
 */
export async function checkCredentials(
  c: Context<AppEnv>,
  username: string,
  password: string,
): Promise<{ user: User; twoFactor: boolean }> {
  // Counted before the PBKDF2 work, so a guesser over the limit costs us nothing but the check.
  await enforceAddressLimit(c.env, c.req.raw, "SIGN_IN_ADDRESS_LIMITER");
  await enforceUsernameLimit(c.env, username);
  const db = createDb(c.env.DB);
  const user = await findUserForLogin(db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (user && ok) return { user: { id: user.id, username: user.username, role: user.role }, twoFactor: user.twoFactorEnabledAt !== null };
  // Only attempts on real accounts are recorded (a mistyped username may be someone's password),
  // after the answer, so the extra write does not time-stamp which usernames exist.
  if (user) {
    const target = userTarget(user);
    afterResponse(c.executionCtx, () => recordAudit(db, { type: "auth.login_failed", actor: null, target, ip: clientAddress(c.req.raw) }));
  }
  // A right password answers after one more D1 write (the mfa token, or the session). A failure makes
  // one write too — clearing expired mfa tokens, which the daily clean-up would otherwise do — so an
  // unknown user, a wrong password and a right one (two-factor on or off) cost the same PBKDF2 and the
  // same D1 round trips before the answer (test/auth/sign-in-timing.test.ts counts them; bench row s).
  await c.env.DB.prepare("DELETE FROM mfa_challenges WHERE expires_at <= ?").bind(Date.now()).run();
  throw new ApiError("INVALID_CREDENTIALS", "Wrong username or password.");
}
