import { createDb } from "../../db/client";
import { afterResponse } from "../../lib/after-response";
import { ApiError } from "../../lib/errors";
import type { Env, WaitUntil } from "../../platform/env";
import { recordAudit, userTarget } from "../audit/audit.queries";
import { noticeSecondFactorLocked } from "../notifications/account-notices";
import { verifySecondFactor } from "./two-factor";

/**
 * The second step's own lock, per account (the security review's "codes can be guessed slowly
 * forever"): the per-minute sign-in limiter alone let someone holding the password try ~13,000 codes
 * a day. Wrong codes — TOTP and recovery codes alike, so a guesser cannot switch to the other kind —
 * count per account, across mfa tokens and addresses; the 10th in a row locks the second step for 15
 * minutes, each further lockout twice as long (at most 24 hours). A right code clears the count.
 * Stored in D1 (second_factor_locks), so the lock holds in every isolate and location and survives a
 * restart. While locked, no code is checked at all: the right one is refused too, or the lock would
 * still answer the guess. Pinepods' own two-factor step, relayed by the door for a Pinepods account
 * (gateway/origin-accounts.ts), is checked by the origin, but guessed through Podkeys just the same:
 * it has the same lock, per Pinepods username (origin_second_factor_locks).
 */
export const WRONG_CODES_BEFORE_LOCK = 10;
export const FIRST_LOCK_MS = 15 * 60 * 1000;
export const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

/** Whose second step: a Podkeys account's own codes, or the codes relayed to the origin for a Pinepods username. */
export type LockSubject = { userId: number } | { originUsername: string };

/** The lock's table and key (a closed set of names: never from input). */
function lockKey(subject: LockSubject) {
  return "userId" in subject
    ? { table: "second_factor_locks", column: "user_id", value: subject.userId }
    : { table: "origin_second_factor_locks", column: "username", value: subject.originUsername.toLowerCase() };
}

interface LockRow {
  failures: number;
  lockouts: number;
  locked_until: number | null;
}

function lockedError(until: number, now = Date.now()) {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new ApiError(
    "RATE_LIMITED",
    `Too many wrong two-factor codes for this account: the second step is locked. Try again in ${seconds} seconds.`,
    { "Retry-After": String(seconds) },
  );
}

/** Throws 429 with Retry-After while the account's second step is locked. */
export async function refuseWhileSecondFactorLocked(d1: D1Database, subject: LockSubject): Promise<void> {
  const { table, column, value } = lockKey(subject);
  const row = await d1.prepare(`SELECT locked_until FROM ${table} WHERE ${column} = ?`).bind(value).first<LockRow>();
  if (row?.locked_until && row.locked_until > Date.now()) throw lockedError(row.locked_until);
}

/** A right code: the count starts again. */
export async function clearSecondFactorLock(d1: D1Database, subject: LockSubject): Promise<void> {
  const { table, column, value } = lockKey(subject);
  await d1.prepare(`DELETE FROM ${table} WHERE ${column} = ?`).bind(value).run();
}

/**
 * Counts one wrong code, in one statement (two requests at once cannot both read 9 and write 10):
 * the 10th in a row starts a lockout of 15 minutes × 2^(earlier lockouts), capped at 24 hours, and
 * starts the count again. Answers the lock's end when this code started one.
 */
export async function countWrongCode(d1: D1Database, subject: LockSubject, now = Date.now()): Promise<number | undefined> {
  const { table, column, value } = lockKey(subject);
  const row = await d1
    .prepare(
      `INSERT INTO ${table} (${column}, failures, lockouts, locked_until) VALUES (?1, 1, 0, NULL)
       ON CONFLICT (${column}) DO UPDATE SET
         failures = CASE WHEN failures + 1 >= ?3 THEN 0 ELSE failures + 1 END,
         lockouts = CASE WHEN failures + 1 >= ?3 THEN lockouts + 1 ELSE lockouts END,
         locked_until = CASE WHEN failures + 1 >= ?3 THEN ?2 + min(?4 * (1 << min(lockouts, 16)), ?5) ELSE locked_until END
       RETURNING failures, lockouts, locked_until`,
    )
    .bind(value, now, WRONG_CODES_BEFORE_LOCK, FIRST_LOCK_MS, MAX_LOCK_MS)
    .first<LockRow>();
  return row && row.failures === 0 && row.locked_until !== null && row.locked_until > now ? row.locked_until : undefined;
}

/**
 * A second-factor code for a user, checked under the lock: refused (429) while locked; a wrong one
 * counted (and the owner told when it locks: an audit event and a second_factor_locked notification); a right one clears the count. Every place that checks
 * a code goes through here: the sign-in form, Pinepods' verify_mfa_and_get_key, turning two-factor
 * off and re-authenticating with a code.
 */
export async function checkSecondFactor(
  env: Env,
  ctx: WaitUntil,
  user: { id: number; username: string },
  code: string,
  ip: string | null,
): Promise<"totp" | "recovery" | undefined> {
  const subject = { userId: user.id };
  await refuseWhileSecondFactorLocked(env.DB, subject);
  const method = await verifySecondFactor(env, user.id, code);
  if (method) {
    await clearSecondFactorLock(env.DB, subject);
    return method;
  }
  await countWrongCodeOf(env, ctx, subject, user, ip);
  return undefined;
}

/**
 * Counts a wrong code; when it starts a lockout, tells the owner (an audit event on their account and
 * a second_factor_locked notification: `owner`, where the subject has a Podkeys account) and throws 429.
 */
export async function countWrongCodeOf(
  env: Env,
  ctx: WaitUntil,
  subject: LockSubject,
  owner: { id: number; username: string } | undefined,
  ip: string | null,
): Promise<void> {
  const lockedUntil = await countWrongCode(env.DB, subject);
  if (lockedUntil === undefined) return;
  const minutes = Math.round((lockedUntil - Date.now()) / 60_000);
  if (owner) {
    afterResponse(ctx, "audit auth.second_factor_locked", async () => {
      await recordAudit(createDb(env.DB), {
        type: "auth.second_factor_locked",
        actor: null,
        target: userTarget(owner),
        detail: `${WRONG_CODES_BEFORE_LOCK} wrong two-factor codes in a row: locked for ${minutes} minutes`,
        ip,
      });
    });
    noticeSecondFactorLocked({ env, ctx }, owner.id, WRONG_CODES_BEFORE_LOCK, minutes);
  }
  throw lockedError(lockedUntil);
}
