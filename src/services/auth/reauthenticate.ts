import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { users } from "../../db/schema";
import type { SessionCaller } from "../../identity/caller";
import { STEP_UP_WINDOW_MS } from "../../identity/step-up";
import { ApiError } from "../../lib/errors";
import type { Env, WaitUntil } from "../../platform/env";
import { enforceUsernameLimit } from "../../platform/rate-limits";
import { verifyPassword } from "./passwords";
import { checkSecondFactor } from "./second-factor-lockout";
import { markReauthenticated } from "./sessions";
import { invalidCode, twoFactorEnabled } from "./two-factor";

/**
 * Step-up (access/step-up.ts): the session's holder gives the password again, or a TOTP or recovery
 * code. Limited like sign-in (the per-username limiter; codes also under the account's second-step
 * lock), so a stolen session is no faster an oracle for the password or the codes than the sign-in
 * form. Answers when the window closes. An account made from Pinepods has no Podkeys password:
 * `originPassword` (the route hands in the gateway's check) asks the origin instead, and takes the
 * answer only from the Pinepods user the account is linked to.
 */

export async function reauthenticate(
  env: Env,
  ctx: WaitUntil,
  auth: SessionCaller,
  proof: { password?: string; code?: string },
  ip: string | null,
  originPassword: (userId: number, password: string) => Promise<boolean>,
): Promise<Date> {
  await enforceUsernameLimit(env, auth.user.username);
  if (proof.code !== undefined) {
    if (!(await twoFactorEnabled(env.DB, auth.user.id))) throw new ApiError("CONFLICT", "Two-factor sign-in is not on: use the password.");
    if (!(await checkSecondFactor(env, ctx, auth.user, proof.code, ip))) throw invalidCode();
  } else {
    const [row] = await createDb(env.DB)
      .select({ passwordHash: users.passwordHash, source: users.source })
      .from(users)
      .where(eq(users.id, auth.user.id));
    const password = proof.password ?? "";
    const right =
      row?.source === "pinepods" ? await originPassword(auth.user.id, password) : row && (await verifyPassword(password, row.passwordHash));
    if (!right) throw new ApiError("WRONG_PASSWORD", "The password is wrong.");
  }
  const now = Date.now();
  await markReauthenticated(env.DB, auth.sessionId, now);
  return new Date(now + STEP_UP_WINDOW_MS);
}
