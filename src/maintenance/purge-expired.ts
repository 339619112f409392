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
  const [sessions, mfaChallenges, auditEvents] = await env.DB.batch([
    env.DB.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(now),
    env.DB.prepare("DELETE FROM mfa_challenges WHERE expires_at <= ?").bind(now),
    env.DB.prepare("DELETE FROM audit_events WHERE created_at < ?").bind(auditCutoff),
  ]);
  return { sessions: sessions!.meta.changes, mfaChallenges: mfaChallenges!.meta.changes, auditEvents: auditEvents!.meta.changes };
}
