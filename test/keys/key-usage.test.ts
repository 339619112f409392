import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { generateKey } from "../../src/identity/key-format";
import { utcDay } from "../../src/services/keys/key-usage";
import { verifyKey } from "../../src/services/keys/verify-key";
import { countingD1 } from "../counting-d1";
import { call, createKey, env, expectError, setupAdminKimAndLee } from "../helpers";

type Account = { cookie: string; id: number };
let admin: Account;
let kim: Account;
let lee: Account;
beforeAll(async () => {
  ({ admin, kim, lee } = await setupAdminKimAndLee());
});

const today = () => utcDay(Date.now());
const stored = (keyId: number) =>
  env.DB.prepare("SELECT valid, refused FROM key_usage_daily WHERE key_id = ? AND day = ?")
    .bind(keyId, today())
    .first<{ valid: number; refused: number }>();

type UsageDay = { date: string; valid: number; refused: number };
async function usage(id: number, auth: { cookie?: string; key?: string }, query = "") {
  return call(`/api/keys/${id}/usage${query}`, auth);
}

describe("counting each key's checks per UTC day", () => {
  it("counts every accepted check exactly, in one write after the answers", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "Counted");
    const counter = countingD1(env.DB);
    const e = { ...env, DB: counter.db, KEY_CACHE_TTL_SECONDS: "0" };
    const ctx = createExecutionContext();
    for (let i = 0; i < 7; i++) expect((await verifyKey(e, ctx, key)).valid).toBe(true);
    expect(await stored(apiKey.id)).toBeNull(); // nothing was written on the requests' path
    await waitOnExecutionContext(ctx);
    expect(await stored(apiKey.id)).toEqual({ valid: 7, refused: 0 });
    expect(counter.queries.filter((sql) => /key_usage_daily/.test(sql))).toHaveLength(1);
  });

  it("counts cache hits too", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "Cached");
    const ctx = createExecutionContext();
    for (let i = 0; i < 4; i++) await verifyKey({ ...env, KEY_CACHE_TTL_SECONDS: "300" }, ctx, key);
    await waitOnExecutionContext(ctx);
    expect(await stored(apiKey.id)).toEqual({ valid: 4, refused: 0 });
  });

  it("counts refusals of a known key (disabled, expired), and nothing for an unknown or malformed key", async () => {
    const disabled = await createKey(kim.cookie, "Disabled");
    await call(`/api/keys/${disabled.apiKey.id}`, { method: "PATCH", cookie: kim.cookie, json: { enabled: false } });
    const expired = await createKey(kim.cookie, "Expired", { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, expired.apiKey.id)
      .run();
    const before = await env.DB.prepare("SELECT count(*) AS n FROM key_usage_daily").first<number>("n");
    const ctx = createExecutionContext();
    await verifyKey(env, ctx, disabled.key);
    await verifyKey(env, ctx, disabled.key);
    await verifyKey(env, ctx, expired.key);
    await verifyKey(env, ctx, generateKey("podk"));
    await verifyKey(env, ctx, "podk_nonsense");
    await waitOnExecutionContext(ctx);
    expect(await stored(disabled.apiKey.id)).toEqual({ valid: 0, refused: 2 });
    expect(await stored(expired.apiKey.id)).toEqual({ valid: 0, refused: 1 });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM key_usage_daily").first<number>("n")).toBe(before! + 2);
  });

  it("adds to the day's row across flushes, and drops the counts of a key deleted before its flush", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "Twice");
    for (let round = 0; round < 2; round++) {
      const ctx = createExecutionContext();
      await verifyKey(env, ctx, key);
      await waitOnExecutionContext(ctx);
    }
    expect(await stored(apiKey.id)).toEqual({ valid: 2, refused: 0 });

    const gone = await createKey(kim.cookie, "Gone");
    const ctx = createExecutionContext();
    await verifyKey(env, ctx, gone.key);
    await call(`/api/keys/${gone.apiKey.id}`, { method: "DELETE", cookie: kim.cookie });
    await waitOnExecutionContext(ctx);
    expect(await stored(gone.apiKey.id)).toBeNull();
  });
});

describe("counting each key's checks: when D1 fails", () => {
  it("keeps the counts of a failed write for the next flush, and logs no parameters", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "Survives");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await env.DB.prepare("CREATE TRIGGER fail_usage BEFORE INSERT ON key_usage_daily BEGIN SELECT RAISE(ABORT, 'injected'); END").run();
    try {
      const ctx = createExecutionContext();
      for (let i = 0; i < 3; i++) await verifyKey(env, ctx, key);
      await waitOnExecutionContext(ctx);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_usage").run();
    }
    expect(await stored(apiKey.id)).toBeNull();
    const logged = errors.mock.calls.map((args) => args.join(" ")).join("\n");
    errors.mockRestore();
    expect(logged).toContain("key_usage_write_failed");
    expect(logged).not.toContain(`${String(apiKey.id)},`);
    const ctx = createExecutionContext();
    await verifyKey(env, ctx, key);
    await waitOnExecutionContext(ctx);
    expect(await stored(apiKey.id)).toEqual({ valid: 4, refused: 0 });
  });
});

describe("GET /api/keys/{id}/usage", () => {
  it("answers 30 UTC days by default, oldest first, ending today, zero-filled, with today's checks", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "Five uses");
    for (let i = 0; i < 5; i++) expect((await call("/api/me", { key })).status).toBe(200);
    await vi.waitFor(async () => expect((await stored(apiKey.id))?.valid).toBe(5), { timeout: 3000 });
    const response = await usage(apiKey.id, { cookie: kim.cookie });
    expect(response.status).toBe(200);
    const { days } = await response.json<{ days: UsageDay[] }>();
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ date: today(), valid: 5, refused: 0 });
    expect(days[0]!.date).toBe(utcDay(Date.now() - 29 * 86_400_000));
    expect(days.slice(0, -1).every((day) => day.valid === 0 && day.refused === 0)).toBe(true);
  });

  it("takes ?days= from 1 to 365, and shows older days that were counted", async () => {
    const { apiKey } = await createKey(kim.cookie, "Old uses");
    const tenDaysAgo = utcDay(Date.now() - 10 * 86_400_000);
    await env.DB.prepare("INSERT INTO key_usage_daily (key_id, day, valid, refused) VALUES (?, ?, 3, 1)").bind(apiKey.id, tenDaysAgo).run();
    const { days } = await (await usage(apiKey.id, { cookie: kim.cookie }, "?days=14")).json<{ days: UsageDay[] }>();
    expect(days).toHaveLength(14);
    expect(days.find((day) => day.date === tenDaysAgo)).toEqual({ date: tenDaysAgo, valid: 3, refused: 1 });
    expect(
      (await (await usage(apiKey.id, { cookie: kim.cookie }, "?days=7")).json<{ days: UsageDay[] }>()).days.some((day) => day.valid > 0),
    ).toBe(false);
    for (const bad of ["0", "366", "x", "1.5"])
      await expectError(await usage(apiKey.id, { cookie: kim.cookie }, `?days=${bad}`), 400, "VALIDATION_ERROR");
  });

  it("lets a key's own read key see its usage, and an administrator's session anyone's", async () => {
    const reader = await createKey(kim.cookie, "Reader");
    expect((await usage(reader.apiKey.id, { key: reader.key })).status).toBe(200);
    expect((await usage(reader.apiKey.id, { cookie: admin.cookie })).status).toBe(200);
  });
});

describe("GET /api/keys/{id}/usage: security", () => {
  it("answers 404 for another user's key or a missing one, and 401 without credentials", async () => {
    const { apiKey } = await createKey(kim.cookie, "Private");
    await expectError(await usage(apiKey.id, { cookie: lee.cookie }), 404, "NOT_FOUND");
    await expectError(await usage(999_999, { cookie: kim.cookie }), 404, "NOT_FOUND");
    await expectError(await usage(apiKey.id, {}), 401);
  });

  it("keeps an administrator's key to its owner's own keys", async () => {
    const { apiKey } = await createKey(kim.cookie, "Kim's usage");
    const adminKey = await createKey(admin.cookie, "admin reader");
    await expectError(await usage(apiKey.id, { key: adminKey.key }), 404, "NOT_FOUND");
  });
});
