import { lt, lte } from "drizzle-orm";
import { createDb } from "../db/client";
import { auditEvents, mfaChallenges, sessions } from "../db/schema";
import { config } from "../platform/config";
import type { Env } from "../platform/env";

/**
 * The daily clean-up (Cron Trigger, wrangler.toml [triggers]): sessions past their expiry, mfa
 * tokens past theirs, and audit events older than AUDIT_RETENTION_DAYS (default 365). Expired rows
 * are already refused when met; this keeps them from piling up and keeps old addresses out of D1.
 * One batch, so a failure leaves everything for the next run.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export async function purgeExpired(env: Env, now: number): Promise<{ sessions: number; mfaChallenges: number; auditEvents: number }> {
  const auditCutoff = now - config(env).auditRetentionDays * DAY_MS;
  const db = createDb(env.DB);
  const [purgedSessions, purgedChallenges, purgedEvents] = await db.batch([
    db.delete(sessions).where(lte(sessions.expiresAt, new Date(now))),
    db.delete(mfaChallenges).where(lte(mfaChallenges.expiresAt, new Date(now))),
    db.delete(auditEvents).where(lt(auditEvents.createdAt, new Date(auditCutoff))),
  ]);
  return {
    sessions: purgedSessions.meta.changes,
    mfaChallenges: purgedChallenges.meta.changes,
    auditEvents: purgedEvents.meta.changes,
  };
}
