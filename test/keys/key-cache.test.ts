import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "../../src/identity/key-format";
import { sha256Hex } from "../../src/lib/crypto";
import { cacheGet, cacheSet, cacheSize, MAX_ENTRIES } from "../../src/services/keys/key-cache";
import { verifyKey } from "../../src/services/keys/verify-key";
import { countingD1 } from "../counting-d1";
import { call, callWith, createKey, createUser, env, expectError, setupAdmin } from "../helpers";

/** The Worker as deployed with the cache on: its own fetch handler, with KEY_CACHE_TTL_SECONDS set. */
function cachedCall(path: string, key: string, ttlSeconds = "60") {
  return callWith({ KEY_CACHE_TTL_SECONDS: ttlSeconds }, path, { key });
}

async function cachedCheck(key: string, ttlSeconds = "60") {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const result = await verifyKey({ ...env, DB: counter.db, KEY_CACHE_TTL_SECONDS: ttlSeconds }, ctx, key);
  await waitOnExecutionContext(ctx);
  // Reads only: the day's count of checks is an upsert after the answer (key-usage.ts).
  return { result, lookups: counter.queries.filter((sql) => /^\s*SELECT/.test(sql)).length };
}

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

/** A cached key with nothing that narrows it. */
const UNNARROWED = { permissions: {}, podcastIds: null, network: null, fence: null, rateLimit: null };

describe("cache mode (KEY_CACHE_TTL_SECONDS > 0)", () => {
  it("answers a key seen in this isolate from memory, without querying D1", async () => {
    const { key } = await createKey(admin.cookie);
    expect(await cachedCheck(key)).toMatchObject({ result: { valid: true }, lookups: 1 });
    expect(await cachedCheck(key)).toMatchObject({ result: { valid: true }, lookups: 0 });
  });

  it("accepts a new key at once: unknown keys are never cached", async () => {
    const key = generateKey("podk");
    expect(await cachedCheck(key)).toMatchObject({ result: { valid: false, code: "NOT_FOUND" }, lookups: 1 });
    expect(await cachedCheck(key)).toMatchObject({ result: { valid: false, code: "NOT_FOUND" }, lookups: 1 });
    // The key is created elsewhere (another isolate), straight into D1.
    await env.DB.prepare("INSERT INTO api_keys (user_id, name, key_hash, hint) VALUES (?, 'late', ?, 'podk_…late')")
      .bind(admin.id, await sha256Hex(key))
      .run();
    expect(await cachedCheck(key)).toMatchObject({ result: { valid: true }, lookups: 1 });
  });

  it("refuses a deleted key on the next request in the isolate that served the DELETE", async () => {
    const { key, apiKey } = await createKey(admin.cookie);
    expect((await cachedCall("/api/me", key)).status).toBe(200);
    expect(await cachedCheck(key)).toMatchObject({ result: { valid: true }, lookups: 0 }); // cached

    expect((await call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: admin.cookie })).status).toBe(204);
    await expectError(await cachedCall("/api/me", key), 401, "INVALID_KEY");
  });

  it("refuses a disabled key, and a rolled key after its grace, at once in the serving isolate", async () => {
    const disabled = await createKey(admin.cookie, "to disable");
    expect((await cachedCall("/api/me", disabled.key)).status).toBe(200);
    expect(
      (await call(`/api/keys/${disabled.apiKey.id}`, { method: "PATCH", cookie: admin.cookie, json: { enabled: false } })).status,
    ).toBe(200);
    await expectError(await cachedCall("/api/me", disabled.key), 401, "KEY_DISABLED");

    const rolled = await createKey(admin.cookie, "to roll");
    expect((await cachedCall("/api/me", rolled.key)).status).toBe(200);
    expect(
      (await call(`/api/keys/${rolled.apiKey.id}/roll`, { method: "POST", cookie: admin.cookie, json: { graceSeconds: 0 } })).status,
    ).toBe(201);
    await expectError(await cachedCall("/api/me", rolled.key), 401, "KEY_EXPIRED");
  });

  it("never serves a cached key past its own expiry", async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const { key } = await createKey(admin.cookie, "expires in a moment", { expiresAt: soon });
    expect((await cachedCall("/api/me", key, "300")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await expectError(await cachedCall("/api/me", key, "300"), 401, "KEY_EXPIRED");
  });

  it("applies a role change at once in the isolate that made it", async () => {
    const user = await createUser(admin.cookie, "promoted");
    const { key } = await createKey(user.cookie);
    expect(await (await cachedCall("/api/me", key)).json()).toMatchObject({ user: { role: "user" } });
    const patch = await call(`/api/users/${user.id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "admin" } });
    expect(patch.status).toBe(200);
    expect(await (await cachedCall("/api/me", key)).json()).toMatchObject({ user: { role: "admin" } });
  });

  it("may accept a key deleted by another isolate, but only until the TTL runs out", async () => {
    const { key, apiKey } = await createKey(admin.cookie);
    expect((await cachedCall("/api/me", key, "1")).status).toBe(200);
    // Deleted elsewhere: this isolate's cache was not told.
    await env.DB.prepare("DELETE FROM api_keys WHERE id = ?").bind(apiKey.id).run();
    expect((await cachedCall("/api/me", key, "1")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expectError(await cachedCall("/api/me", key, "1"), 401, "INVALID_KEY");
  });

  it("never holds more than MAX_ENTRIES keys, dropping the least recently used", () => {
    const now = Date.now();
    const value = {
      via: "apiKey" as const,
      key: { id: 0, name: "lru", scope: "read" as const, expiresAt: null, ...UNNARROWED },
      user: { id: 0, username: "lru", role: "user" as const },
    };
    cacheSet("lru-oldest", value, now + 60_000);
    cacheSet("lru-touched", value, now + 60_000);
    for (let i = 0; i < MAX_ENTRIES; i++) {
      if (i === 1) expect(cacheGet("lru-touched", now)).toBeDefined(); // used again: now among the newest
      cacheSet(`lru-${i}`, value, now + 60_000);
    }
    expect(cacheSize()).toBe(MAX_ENTRIES);
    expect(cacheGet("lru-oldest", now)).toBeUndefined();
    expect(cacheGet("lru-touched", now)).toBeDefined();
  });

  it("does not serve an entry past its expiry", () => {
    const value = {
      via: "apiKey" as const,
      key: { id: 0, name: "ttl", scope: "read" as const, expiresAt: null, ...UNNARROWED },
      user: { id: 0, username: "ttl", role: "user" as const },
    };
    cacheSet("ttl-entry", value, 1_000);
    expect(cacheGet("ttl-entry", 999)).toBeDefined();
    expect(cacheGet("ttl-entry", 1_000)).toBeUndefined();
  });
});
