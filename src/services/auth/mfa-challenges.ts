import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type MFA_PURPOSES, mfaChallenges, users } from "../../db/schema";
import { base64url, randomBytes, sha256Hex } from "../../lib/crypto";

/**
 * The step between a right password and the second factor. The client holds a random token; D1
 * holds its SHA-256, the user and the purpose. Valid for 5 minutes and spent by the first right code:
 * the DELETE … RETURNING that spends it is the check, so two requests cannot both use one token.
 */
export const MFA_TOKEN_TTL_MS = 5 * 60 * 1000;
type Purpose = (typeof MFA_PURPOSES)[number];

export async function createChallenge(db: Db, userId: number, purpose: Purpose): Promise<string> {
  const token = base64url(randomBytes(32));
  await db
    .insert(mfaChallenges)
    .values({ id: await sha256Hex(token), userId, purpose, expiresAt: new Date(Date.now() + MFA_TOKEN_TTL_MS) });
  return token;
}

/** The live challenge's user for this token and purpose, without spending it; undefined when unknown or expired. */
export async function findChallenge(db: Db, token: string, purpose: Purpose) {
  if (token.length > 64) return undefined;
  const [row] = await db
    .select({ user: { id: users.id, username: users.username, role: users.role } })
    .from(mfaChallenges)
    .innerJoin(users, eq(users.id, mfaChallenges.userId))
    .where(and(eq(mfaChallenges.id, await sha256Hex(token)), eq(mfaChallenges.purpose, purpose), gt(mfaChallenges.expiresAt, new Date())));
  return row?.user;
}

/** Spends the token; false when another request spent it first (or it expired meanwhile). */
export async function spendChallenge(db: Db, token: string): Promise<boolean> {
  const spent = await db
    .delete(mfaChallenges)
    .where(and(eq(mfaChallenges.id, await sha256Hex(token)), gt(mfaChallenges.expiresAt, new Date())))
    .returning({ id: mfaChallenges.id });
  return spent.length > 0;
}
