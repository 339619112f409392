import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { createDb } from "../../db/client";
import { recoveryCodes, users } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import { randomBytes, sha256Hex } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { base32Decode, base32Encode, matchTotp, otpauthUrl } from "../../lib/totp";
import { type Keyring, openWithKeyring, seal } from "../../lib/vault";
import { vaultKeyring } from "../../platform/config";
import type { Env } from "../../platform/env";
import { type AuditEvent, auditInsert } from "../audit/audit.queries";

/**
 * Two-factor sign-in with TOTP (lib/totp.ts) and single-use recovery codes.
 * - The TOTP secret is sealed with AES-GCM under VAULT_KEY before it reaches D1 and is returned
 *   once, at enrolment; it stays pending until a code from it is confirmed.
 * - Ten recovery codes (50 random bits each) are shown once, at confirmation, and stored as SHA-256.
 * - A TOTP code is accepted once: the accepted step is recorded by a conditional UPDATE, so two
 *   requests racing with the same code cannot both win. A recovery code is spent the same way.
 */
const VAULT_PURPOSE = "two-factor secret";
const ISSUER = "Podkeys";
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

function keyring(env: Env): Keyring {
  const ring = vaultKeyring(env);
  if (!ring) throw new ApiError("NOT_CONFIGURED", "Two-factor sign-in needs the VAULT_KEY secret on this server.");
  return ring;
}

/** The TOTP secret, opened; one sealed under a previous VAULT_KEY is re-sealed under the current one on the way. */
async function openSecret(env: Env, userId: number, sealed: string): Promise<string> {
  const ring = keyring(env);
  const { plaintext, stale } = await openWithKeyring(ring, VAULT_PURPOSE, sealed);
  if (stale) await (await resealTwoFactorSecret(env.DB, ring.current, userId, sealed, plaintext)).run();
  return plaintext;
}

/** Re-seals one user's TOTP secret under `current`, unless it changed meanwhile (the old sealed value is the guard). */
export async function resealTwoFactorSecret(d1: D1Database, current: string, userId: number, old: string, plaintext: string) {
  const sealed = await seal(current, VAULT_PURPOSE, plaintext);
  return d1.prepare("UPDATE users SET two_factor_secret = ? WHERE id = ? AND two_factor_secret = ?").bind(sealed, userId, old);
}

/** Opens a stored TOTP secret for the reseal job; throws VAULT_KEY_MISMATCH when no key opens it. */
export function openTwoFactorSecret(ring: Keyring, sealed: string) {
  return openWithKeyring(ring, VAULT_PURPOSE, sealed);
}

export const invalidCode = () => new ApiError("INVALID_TWO_FACTOR_CODE", "That code is not right (or was already used).");

/** `abcde-fghij`: 10 characters of a 32-letter alphabet, easy to read aloud and type. */
function newRecoveryCode(): string {
  const chars = Array.from(randomBytes(10), (byte) => RECOVERY_ALPHABET[byte & 31]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Case, spaces and the dash do not matter when a person types a recovery code back. */
function recoveryCodeHash(code: string): Promise<string> {
  return sha256Hex(code.toLowerCase().replace(/[\s-]/g, ""));
}

async function readTwoFactor(d1: D1Database, userId: number) {
  const [row] = await createDb(d1)
    .select({ secret: users.twoFactorSecret, enabledAt: users.twoFactorEnabledAt, lastStep: users.twoFactorLastStep })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function twoFactorEnabled(d1: D1Database, userId: number): Promise<boolean> {
  return (await readTwoFactor(d1, userId))?.enabledAt != null;
}

/** A new secret, pending until confirmed; replaces an earlier pending one. Refused while two-factor is on. */
export async function startEnrolment(env: Env, user: { id: number; username: string }) {
  const { current } = keyring(env);
  const secret = base32Encode(randomBytes(20)); // 160 bits, RFC 4226's recommendation for HMAC-SHA-1
  const sealed = await seal(current, VAULT_PURPOSE, secret);
  const updated = await createDb(env.DB)
    .update(users)
    .set({ twoFactorSecret: sealed, twoFactorLastStep: null })
    .where(and(eq(users.id, user.id), isNull(users.twoFactorEnabledAt)))
    .returning({ id: users.id });
  if (updated.length === 0) throw new ApiError("CONFLICT", "Two-factor sign-in is already on; turn it off first to enrol again.");
  return { secret, otpauthUrl: otpauthUrl(ISSUER, user.username, secret) };
}

/** The step of a matching TOTP code, accepted once (the step is recorded), or undefined. */
async function acceptTotp(env: Env, userId: number, secretSealed: string, lastStep: number | null, code: string, requireEnabled: boolean) {
  const secret = base32Decode(await openSecret(env, userId, secretSealed));
  const step = await matchTotp(secret, code.replace(/\s/g, ""), Date.now(), lastStep);
  if (step === undefined) return undefined;
  // Guarded in the statement itself: of two requests with the same code, only one moves the step.
  const [row] = await createDb(env.DB)
    .update(users)
    .set({ twoFactorLastStep: step })
    .where(
      and(
        eq(users.id, userId),
        requireEnabled ? isNotNull(users.twoFactorEnabledAt) : undefined,
        or(isNull(users.twoFactorLastStep), lt(users.twoFactorLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return row ? step : undefined;
}

/**
 * Turns two-factor on with a code from the pending secret; answers the recovery codes, once.
 * `event` (auth.two_factor_enabled) is recorded in the same transaction as the change.
 */
export async function confirmEnrolment(env: Env, userId: number, code: string, event: AuditEvent): Promise<string[]> {
  const state = await readTwoFactor(env.DB, userId);
  if (!state?.secret || state.enabledAt !== null) {
    throw new ApiError(
      "CONFLICT",
      state?.enabledAt ? "Two-factor sign-in is already on." : "Start the enrolment first (POST /api/me/two-factor).",
    );
  }
  if ((await acceptTotp(env, userId, state.secret, state.lastStep, code, false)) === undefined) throw invalidCode();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map(recoveryCodeHash));
  const db = createDb(env.DB);
  // One transaction: on, the old codes replaced by the new ones and the event recorded, or nothing at all.
  await inTransaction(db, [
    db
      .update(users)
      .set({ twoFactorEnabledAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.twoFactorEnabledAt))),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash }))),
    auditInsert(db, event),
  ]);
  return codes;
}

/**
 * Checks a second factor for a user with two-factor on: a TOTP code (6 digits) or a recovery code.
 * Answers how it was proved, or undefined. A used recovery code is spent in the same statement.
 */
export async function verifySecondFactor(env: Env, userId: number, code: string): Promise<"totp" | "recovery" | undefined> {
  const state = await readTwoFactor(env.DB, userId);
  if (!state?.secret || state.enabledAt === null) return undefined;
  const trimmed = code.trim();
  if (/^[0-9 ]+$/.test(trimmed)) {
    return (await acceptTotp(env, userId, state.secret, state.lastStep, trimmed, true)) === undefined ? undefined : "totp";
  }
  const spent = await createDb(env.DB)
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, await recoveryCodeHash(trimmed)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length > 0 ? "recovery" : undefined;
}

/** Statements that turn two-factor off for a user (own choice, or an admin's reset), for a caller's batch. */
export function twoFactorOffStatements(db: ReturnType<typeof createDb>, userId: number) {
  return [
    db.update(users).set({ twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null }).where(eq(users.id, userId)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
  ] as const;
}
