import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { mfaChallenges, sessions, users } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import type { AuthContext } from "../../identity/caller";
import { ApiError, notFound, passwordAtOrigin } from "../../lib/errors";
import { auditInsert, userTarget } from "../audit/audit.queries";
import { endSignInKeys, evictEnded } from "../keys/sign-in-keys";
import { hashPassword } from "./passwords";
import { twoFactorOffStatements } from "./two-factor";

/**
 * An administrator's remedies for a locked-out (or taken-over) account, short of deleting it with
 * all its keys. Each is one D1 batch — one transaction: the change, the end of every session and
 * pending sign-in (mfa token) of that user, and its audit event, or nothing at all.
 * A password reset also ends the user's sign-in keys (minted by Pinepods' get_key with the old
 * password, services/keys/sign-in-keys.ts), as their own password change does.
 */
async function targetUser(db: ReturnType<typeof createDb>, actor: AuthContext, userId: number) {
  if (userId === actor.user.id)
    throw new ApiError("BAD_REQUEST", "That is you: use Settings → Password or Two-factor for your own account.");
  const [user] = await db
    .select({ id: users.id, username: users.username, twoFactorEnabledAt: users.twoFactorEnabledAt, source: users.source })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound("User");
  return user;
}

function signOutEverywhere(db: ReturnType<typeof createDb>, userId: number) {
  return [
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId)),
  ] as const;
}

export async function resetPassword(d1: D1Database, actor: AuthContext, userId: number, newPassword: string, ip: string | null) {
  const db = createDb(d1);
  const user = await targetUser(db, actor, userId);
  if (user.source === "pinepods") throw passwordAtOrigin();
  const passwordHash = await hashPassword(newPassword);
  const [, , , , , ended] = await inTransaction(db, [
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
    ...signOutEverywhere(db, user.id),
    auditInsert(db, { type: "user.password_reset", actor, target: userTarget(user), ip }),
    ...endSignInKeys(db, user, "password reset by an administrator: sign-in keys end", ip),
  ]);
  evictEnded(ended);
}

export async function resetTwoFactor(d1: D1Database, actor: AuthContext, userId: number, ip: string | null) {
  const db = createDb(d1);
  const user = await targetUser(db, actor, userId);
  if (user.twoFactorEnabledAt === null) throw new ApiError("CONFLICT", `${user.username} does not have two-factor sign-in on.`);
  await inTransaction(db, [
    ...twoFactorOffStatements(db, user.id),
    ...signOutEverywhere(db, user.id),
    auditInsert(db, { type: "user.two_factor_reset", actor, target: userTarget(user), ip }),
  ]);
}
