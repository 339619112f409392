import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAlice, startTwoWorkers, type TwoWorkers } from "./two-workers";

// podkeysAuth (podkeys/hono) in the calling Worker: docs/examples/worker/podcast-api.ts, as documented.
let workers: TwoWorkers;
let alice: Awaited<ReturnType<typeof seedAlice>>;

const episodes = (headers: Record<string, string>, method = "GET") => workers.consumer("/api/episodes", { method, headers });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function expectRefusal(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  return response;
}

beforeAll(async () => {
  workers = await startTwoWorkers();
  alice = await seedAlice(workers);
});
afterAll(() => workers?.dispose());

describe("podkeysAuth: happy", () => {
  it("lets a valid key through and sets c.var.podkeys to its owner, id and scope", async () => {
    const { key, apiKey } = await alice.createKey("Podcast app");
    for (const headers of [bearer(key), { "x-api-key": key }, { "api-key": key }] as Record<string, string>[]) {
      const response = await episodes(headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ episodes: [], listener: "alice", keyId: apiKey.id, scope: "read" });
    }
  });

  it("lets a full-scope key change things", async () => {
    const { key } = await alice.createKey("Uploader", { scope: "full" });
    const response = await episodes(bearer(key), "POST");
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ created: true, by: "alice" });
  });
});

describe("podkeysAuth({ permission })", () => {
  it("lets a key with the group at that level through, and refuses one without it (403 INSUFFICIENT_SCOPE)", async () => {
    const player = await alice.createKey("Kodi", { permissions: { playback: "write", podcasts: "read" } });
    const progress = (key: string) => workers.consumer("/api/progress", { method: "PUT", headers: bearer(key) });
    const allowed = await progress(player.key);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ saved: true, permissions: { podcasts: "read", playback: "write" } });
    const reader = await alice.createKey("Dashboard"); // the read shorthand: playback at read only
    await expectRefusal(await progress(reader.key), 403, "INSUFFICIENT_SCOPE");
  });
});

describe("the example's direct check (POST /check)", () => {
  it("answers the verdict verify() gives", async () => {
    const { key, apiKey } = await alice.createKey("Checked");
    const check = (key: string) => workers.consumer("/check", { json: { key } }).then((r) => r.json());
    expect(await check(key)).toMatchObject({ valid: true, keyId: apiKey.id, user: { username: "alice" } });
    expect(await check("podk_nope")).toEqual({ valid: false, code: "MALFORMED" });
  });
});

describe("podkeysAuth: errors, in Podkeys' error shape", () => {
  it("answers 401 UNAUTHENTICATED without a key", async () => {
    await expectRefusal(await episodes({}), 401, "UNAUTHENTICATED");
  });

  it("answers 401 INVALID_KEY for a malformed key and for an unreadable header", async () => {
    await expectRefusal(await episodes(bearer("podk_not-a-key")), 401, "INVALID_KEY");
    await expectRefusal(await episodes({ authorization: "Bearer" }), 401, "INVALID_KEY");
  });

  it("answers 401 INVALID_KEY for a key deleted a moment ago", async () => {
    const { key, apiKey } = await alice.createKey("Lost phone");
    expect((await episodes(bearer(key))).status).toBe(200);
    await alice.api(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: alice.cookie });
    await expectRefusal(await episodes(bearer(key)), 401, "INVALID_KEY");
  });

  it("answers 401 KEY_EXPIRED and KEY_DISABLED", async () => {
    const expiring = await alice.createKey("Old tablet", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await workers.sql(`UPDATE api_keys SET expires_at = ${Date.now() - 1000} WHERE id = ${expiring.apiKey.id}`);
    await expectRefusal(await episodes(bearer(expiring.key)), 401, "KEY_EXPIRED");

    const paused = await alice.createKey("Paused");
    await alice.api(`/api/keys/${paused.apiKey.id}`, { method: "PATCH", json: { enabled: false }, cookie: alice.cookie });
    await expectRefusal(await episodes(bearer(paused.key)), 401, "KEY_DISABLED");
  });

  it("answers 403 INSUFFICIENT_SCOPE when a read key tries to change something", async () => {
    const { key } = await alice.createKey("Reader");
    await expectRefusal(await episodes(bearer(key), "POST"), 403, "INSUFFICIENT_SCOPE");
  });
});

describe("podkeysAuth: security", () => {
  it("answers 503 SERVICE_UNAVAILABLE with Retry-After when Podkeys' D1 fails — never lets the request through", async () => {
    const { key } = await alice.createKey("During the outage", { scope: "full" });
    await workers.sql("ALTER TABLE api_keys RENAME TO api_keys_away");
    try {
      for (const method of ["GET", "POST"]) {
        const response = await expectRefusal(await episodes(bearer(key), method), 503, "SERVICE_UNAVAILABLE");
        expect(response.headers.get("retry-after")).toBe("5");
      }
      const check = await expectRefusal(await workers.consumer("/check", { json: { key } }), 503, "SERVICE_UNAVAILABLE");
      expect(check.headers.get("retry-after")).toBe("5");
    } finally {
      await workers.sql("ALTER TABLE api_keys_away RENAME TO api_keys");
    }
    expect((await episodes(bearer(key))).status).toBe(200);
  });

  it("no key ever appears in either Worker's output", async () => {
    const { key } = await alice.createKey("Quiet");
    await episodes(bearer(key));
    await episodes(bearer(`${key}x`));
    expect(workers.output()).not.toContain(key);
  });
});
