import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, createUser, enableTwoFactor, env, login, PASSWORD, setupAdmin } from "../helpers";

const DAY = 24 * 60 * 60 * 1000;
const count = async (sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<number>("n"))!;

/** The Worker's own scheduled handler, as the runtime calls it for the cron in wrangler.toml. */
async function runCron(runEnv = env) {
  await worker.scheduled(createScheduledController({ cron: "17 3 * * *", scheduledTime: Date.now() }), runEnv);
}

let bob: { cookie: string; id: number };
beforeAll(async () => {
  const admin = await setupAdmin();
  bob = await createUser(admin.cookie, "bob");
});

describe("the daily Cron Trigger (scheduled)", () => {
  it("purges expired sessions and mfa tokens, and keeps live ones working", async () => {
    const stale = await login("bob");
    await enableTwoFactor(bob.cookie);
    await call("/api/auth/login", { method: "POST", json: { username: "bob", password: PASSWORD } }); // a pending mfa token
    await call("/api/auth/login", { method: "POST", json: { username: "bob", password: PASSWORD } });
    await env.DB.prepare(
      "UPDATE sessions SET expires_at = ? WHERE id = (SELECT id FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1)",
    )
      .bind(Date.now() - 1000, bob.id)
      .run();
    await env.DB.prepare("UPDATE mfa_challenges SET expires_at = ? WHERE rowid = (SELECT min(rowid) FROM mfa_challenges)")
      .bind(Date.now() - 1000)
      .run();
    const sessionsBefore = await count("SELECT count(*) AS n FROM sessions WHERE user_id = ?", bob.id);
    await runCron();
    expect(await count("SELECT count(*) AS n FROM sessions WHERE user_id = ?", bob.id)).toBe(sessionsBefore - 1);
    expect(await count("SELECT count(*) AS n FROM sessions WHERE expires_at <= ?", Date.now())).toBe(0);
    expect(await count("SELECT count(*) AS n FROM mfa_challenges")).toBe(1);
    expect((await call("/api/me", { cookie: bob.cookie })).status).toBe(200);
    expect([200, 401]).toContain((await call("/api/me", { cookie: stale })).status);
  });

  it("purges audit events older than AUDIT_RETENTION_DAYS (365 by default), not younger ones", async () => {
    const insert = (ageDays: number) =>
      env.DB.prepare(
        "INSERT INTO audit_events (type, target_type, target_id, target_name, created_at) VALUES ('auth.login', 'user', ?, 'bob', ?)",
      )
        .bind(bob.id, Date.now() - ageDays * DAY)
        .run();
    await insert(400);
    await insert(364);
    await insert(40);
    await runCron();
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE created_at < ?", Date.now() - 365 * DAY)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE created_at < ?", Date.now() - 300 * DAY)).toBe(1);
    await runCron({ ...env, AUDIT_RETENTION_DAYS: "30" });
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE created_at < ?", Date.now() - 30 * DAY)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_events")).toBeGreaterThan(0);
  });
});
