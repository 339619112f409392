import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "../../src/identity/key-format";
import { cacheSize } from "../../src/services/keys/key-cache";
import { verifyKey } from "../../src/services/keys/verify-key";
import { countingD1 } from "../counting-d1";
import { createKey, env, setupAdmin } from "../helpers";

const LOOKUP = /FROM api_keys k JOIN users u/;

/** Verifies and waits for what the check left to waitUntil, as the runtime would before the isolate rests. */
async function check(e: typeof env, key: string) {
  const ctx = createExecutionContext();
  const result = await verifyKey(e, ctx, key);
  await waitOnExecutionContext(ctx);
  return result;
}

function strictEnv() {
  const counter = countingD1(env.DB);
  return { ...counter, env: { ...env, DB: counter.db, KEY_CACHE_TTL_SECONDS: "0" } };
}

let cookie: string;
beforeAll(async () => {
  ({ cookie } = await setupAdmin());
});

describe("verifyKey: one pass, one query", () => {
  it("refuses a key of the wrong shape without querying D1", async () => {
    const { env: e, queries } = strictEnv();
    for (const key of ["", "podk_short", `nope_${"a".repeat(49)}`, `${generateKey("podk")} `, `podk_${"é".repeat(49)}`]) {
      expect(await check(e, key)).toEqual({ valid: false, code: "MALFORMED" });
    }
    expect(queries).toEqual([]);
  });

  it("refuses a key whose checksum does not match without querying D1", async () => {
    const { env: e, queries } = strictEnv();
    const { key } = await createKey(cookie);
    const lastChar = key.at(-1) === "0" ? "1" : "0";
    const mistyped = key.slice(0, -1) + lastChar;
    expect(await check(e, mistyped)).toEqual({ valid: false, code: "MALFORMED" });
    expect(queries).toEqual([]);
  });

  it("answers a valid key, its owner and role with exactly one indexed lookup", async () => {
    const { env: e, queries } = strictEnv();
    const { key, apiKey } = await createKey(cookie, "Phone");
    expect(await check(e, key)).toEqual({
      valid: true,
      keyHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      caller: {
        via: "apiKey",
        key: {
          id: apiKey.id,
          name: "Phone",
          scope: "read",
          expiresAt: null,
          permissions: { podcasts: "read", playback: "read", feeds: "read", downloads: "read", settings: "read", keys: "read" },
          podcastIds: null,
          network: null,
          fence: null,
          rateLimit: null,
        },
        user: { id: apiKey.owner.id, username: "admin", role: "admin" },
      },
    });
    expect(queries.filter((sql) => LOOKUP.test(sql))).toHaveLength(1);
    // Reads only: the day's count is a write after the response (key-usage.ts).
    expect(queries.filter((sql) => /^\s*SELECT/.test(sql))).toHaveLength(1);
  });

  it("uses the key_hash index for that lookup", async () => {
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT k.id FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`,
    )
      .bind("0".repeat(64))
      .all<{ detail: string }>();
    expect(plan.results.map((row) => row.detail).join("\n")).toMatch(/USING INDEX api_keys_key_hash_unique/);
  });

  it("refuses a well-formed unknown key with one query", async () => {
    const { env: e, queries } = strictEnv();
    expect(await check(e, generateKey("podk"))).toEqual({ valid: false, code: "NOT_FOUND" });
    expect(queries).toHaveLength(1);
  });
});

describe("verifyKey: lastUsedAt, never on the request's path", () => {
  const lastUsedAt = (id: number) =>
    env.DB.prepare("SELECT last_used_at AS t FROM api_keys WHERE id = ?").bind(id).first<number | null>("t");

  it("records the first use after the answer, through waitUntil", async () => {
    const { key, apiKey } = await createKey(cookie);
    const { env: e, queries } = strictEnv();
    const ctx = createExecutionContext();
    const before = Date.now();
    expect((await verifyKey(e, ctx, key)).valid).toBe(true);
    expect(await lastUsedAt(apiKey.id)).toBeNull(); // the answer did not wait for the write
    await waitOnExecutionContext(ctx);
    expect(await lastUsedAt(apiKey.id)).toBeGreaterThanOrEqual(before);
    expect(queries.filter((sql) => /UPDATE api_keys/.test(sql))).toHaveLength(1);
  });

  it("writes at most once a minute per key, however often it is used", async () => {
    const { key, apiKey } = await createKey(cookie);
    await check(env, key);
    const recorded = await lastUsedAt(apiKey.id);

    const { env: e, queries } = strictEnv();
    for (let i = 0; i < 5; i++) expect((await check(e, key)).valid).toBe(true);
    expect(queries.filter((sql) => LOOKUP.test(sql))).toHaveLength(5);
    // The only writes are the day's counts (one per flush; each check here waits for its own flush).
    expect(queries.filter((sql) => !LOOKUP.test(sql)).every((sql) => /INSERT INTO key_usage_daily/.test(sql))).toBe(true);
    expect(await lastUsedAt(apiKey.id)).toBe(recorded);
  });

  it("records a use again once the stored lastUsedAt is over a minute old", async () => {
    const { key, apiKey } = await createKey(cookie);
    // As another isolate would have left it: used two minutes ago, unknown to this isolate.
    const twoMinutesAgo = Date.now() - 120_000;
    await env.DB.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?").bind(twoMinutesAgo, apiKey.id).run();
    await check(env, key);
    expect(await lastUsedAt(apiKey.id)).toBeGreaterThan(twoMinutesAgo + 60_000);
  });

  it("records the uses of several keys made together in one write", async () => {
    const keys = await Promise.all([createKey(cookie), createKey(cookie), createKey(cookie)]);
    const { env: e, queries } = strictEnv();
    const ctx = createExecutionContext();
    await Promise.all(keys.map(({ key }) => verifyKey(e, ctx, key)));
    await waitOnExecutionContext(ctx);
    expect(queries.filter((sql) => /UPDATE api_keys/.test(sql))).toHaveLength(1);
    for (const { apiKey } of keys) expect(await lastUsedAt(apiKey.id)).not.toBeNull();
  });
});

describe("verifyKey: strict mode (KEY_CACHE_TTL_SECONDS=0)", () => {
  it("keeps nothing in memory", async () => {
    const { key } = await createKey(cookie);
    const size = cacheSize();
    await check({ ...env, KEY_CACHE_TTL_SECONDS: "0" }, key);
    expect(cacheSize()).toBe(size);
  });
});
