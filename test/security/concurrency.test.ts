import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "../../src/app";
import type { Env } from "../../src/platform/env";
import { type CreatedKey, call, createKey, createUser, env, setupAdmin } from "../helpers";

// Generous limits: hundreds of requests racing each other, on a machine other suites share.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

type Verify = (key: string) => Promise<boolean>;

/** Through the Worker as deployed (strict: no key cache). */
const viaWorker: Verify = async (key) => {
  const response = await call("/api/keys/verify", { method: "POST", json: { key } });
  return (await response.json<{ valid: boolean }>()).valid;
};
const viaHeader: Verify = async (key) => {
  const response = await call("/api/me", { key });
  await response.body?.cancel();
  return response.status === 200;
};

/** Through the same app with the optional in-isolate key cache turned on. */
function viaCachedApp(ttlSeconds: number): Verify {
  const cachedEnv: Env = { ...env, KEY_CACHE_TTL_SECONDS: String(ttlSeconds) };
  return async (key) => {
    // A cache hit does no I/O: without this yield, a loop of hits would be one endless microtask
    // chain and the racing DELETE could never complete. Real requests are separate events anyway.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const ctx = createExecutionContext();
    const response = await app.request("/api/me", { headers: { authorization: `Bearer ${key}` } }, cachedEnv, ctx);
    await response.body?.cancel();
    await waitOnExecutionContext(ctx);
    return response.status === 200;
  };
}

/**
 * Keeps `workers` verifications of `keys` in flight, starts `action` once `warmup` of them have
 * answered, and stops a few rounds after it has returned. Each result records whether it was started
 * after the action had returned: those are the ones that must fail. (workerd runs timers only when
 * the isolate is idle, so the action is started by count, not by a timer.)
 */
async function race(keys: string[], verify: Verify, action: () => Promise<Response>, workers = 8, warmup = 2 * workers) {
  let returned = false;
  let pending: Promise<Response> | undefined;
  const results: Array<{ startedAfter: boolean; valid: boolean }> = [];
  const worker = async (w: number) => {
    for (let i = w, afterwards = 0; afterwards < 3; i++) {
      const startedAfter = returned;
      if (startedAfter) afterwards++;
      results.push({ startedAfter, valid: await verify(keys[i % keys.length]!) });
      if (!pending && results.length >= warmup) {
        pending = action();
        pending.then(() => (returned = true));
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return { results, response: await pending! };
}

describe("50 parallel creates for one user", () => {
  it("give 50 distinct keys that all work, and a list of 50", async () => {
    const user = await createUser(admin.cookie, "parallel");
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => createKey(user.cookie, `parallel ${i}`)));
    expect(new Set(created.map((c) => c.key)).size).toBe(50);
    expect(new Set(created.map((c) => c.apiKey.id)).size).toBe(50);
    const checks = await Promise.all(
      created.map(async ({ key }) =>
        (await call("/api/keys/verify", { method: "POST", json: { key } })).json<{ valid: boolean; keyId: number }>(),
      ),
    );
    expect(checks.map((c) => c.keyId)).toEqual(created.map((c) => c.apiKey.id));
    const { keys } = await (await call("/api/keys", { cookie: user.cookie })).json<{ keys: Array<{ id: number }> }>();
    expect(keys.map((k) => k.id).sort((a, b) => a - b)).toEqual(created.map((c) => c.apiKey.id).sort((a, b) => a - b));
  });

  it("cannot overshoot the per-user maximum, however many race for the last places", async () => {
    const user = await createUser(admin.cookie, "crowded");
    const max = Number(env.MAX_KEYS_PER_USER);
    const create = (name: string) => call("/api/keys", { method: "POST", cookie: user.cookie, json: { name } });
    for (let batch = 0; batch < max - 5; batch += 25) {
      await Promise.all(Array.from({ length: Math.min(25, max - 5 - batch) }, (_, i) => createKey(user.cookie, `filler ${batch + i}`)));
    }
    const statuses = await Promise.all(Array.from({ length: 30 }, async (_, i) => (await create(`racer ${i}`)).status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE user_id = ?").bind(user.id).first<number>("n")).toBe(max);
  });
});

describe("verifications racing a DELETE", () => {
  const cases: Array<[string, Verify]> = [
    ["at /api/keys/verify", viaWorker],
    ["in a key header", viaHeader],
    ["with the key cache on", viaCachedApp(300)],
  ];
  for (const [how, verify] of cases) {
    it(`never leave the key working once the DELETE has returned 204 (${how})`, async () => {
      const user = await createUser(admin.cookie, `racer-${how.length}`);
      const { key, apiKey }: CreatedKey = await createKey(user.cookie);
      expect(await verify(key)).toBe(true); // warm the cache, when there is one
      const { results, response } = await race([key], verify, () =>
        call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: user.cookie }),
      );
      expect(response.status).toBe(204);
      expect(results.some((r) => !r.startedAfter && r.valid)).toBe(true); // the race was real
      const after = results.filter((r) => r.startedAfter);
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((r) => r.valid)).toEqual([]);
      expect(await verify(key)).toBe(false);
    });
  }
});

describe("deleting a user while their keys are in use", () => {
  it("leaves no key of theirs that verifies, nor their sessions", async () => {
    const user = await createUser(admin.cookie, "leaving");
    const keys = (await Promise.all(Array.from({ length: 5 }, (_, i) => createKey(user.cookie, `in use ${i}`)))).map((c) => c.key);
    const cached = viaCachedApp(300);
    for (const key of keys) expect(await cached(key)).toBe(true);
    // All three kinds of traffic at once, in turn.
    let turn = 0;
    const ways = [viaWorker, viaHeader, cached];
    const mixed: Verify = (key) => ways[turn++ % ways.length]!(key);
    const { results, response } = await race(
      keys,
      mixed,
      () => call(`/api/users/${user.id}`, { method: "DELETE", cookie: admin.cookie }),
      9,
    );
    expect(response.status).toBe(204);
    expect(results.some((r) => !r.startedAfter && r.valid)).toBe(true);
    expect(results.filter((r) => r.startedAfter && r.valid)).toEqual([]);
    for (const key of keys) {
      expect(await viaWorker(key)).toBe(false);
      expect(await viaHeader(key)).toBe(false);
      expect(await cached(key)).toBe(false);
    }
    expect((await call("/api/me", { cookie: user.cookie })).status).toBe(401);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE user_id = ?").bind(user.id).first<number>("n")).toBe(0);
  });
});
