import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAlice, startTwoWorkers, type TwoWorkers } from "./two-workers";

// A well-formed key (right prefix, length and checksum) that was never issued, and a mistyped one.
let workers: TwoWorkers;
let alice: Awaited<ReturnType<typeof seedAlice>>;
let unknownKey: string;
const issued: string[] = [];

type Settled = {
  answer?: Record<string, unknown>;
  thrown?: { name: string; message: string; code?: string; retryAfter?: number; isError: boolean };
};

const rpcVerify = async (key: unknown): Promise<Settled> => (await workers.consumer("/probe/verify", { json: { key } })).json();
const httpVerify = async (key: string) =>
  (await workers.consumer("/probe/verify-http", { json: { key } })).json() as Promise<{
    status: number;
    retryAfter: string | null;
    body: unknown;
  }>;
const verifyRequest = async (headers: Record<string, string>): Promise<Settled> =>
  (await workers.consumer("/probe/verify-request", { headers })).json();

async function newKey(name: string, options: { scope?: "read" | "full"; expiresAt?: string } = {}) {
  const created = await alice.createKey(name, options);
  issued.push(created.key);
  return created;
}

beforeAll(async () => {
  workers = await startTwoWorkers();
  alice = await seedAlice(workers);
  // Deleted before use: well-formed and checksummed, but not in D1.
  const gone = await newKey("never used");
  await alice.api(`/api/keys/${gone.apiKey.id}`, { method: "DELETE", cookie: alice.cookie });
  unknownKey = gone.key;
});
afterAll(() => workers?.dispose());

describe("KeyService.verify (RPC over a service binding)", () => {
  it("answers valid with the key's id, scope, expiry and owner", async () => {
    const { key, apiKey } = await newKey("Feed proxy", { scope: "full" });
    const { answer } = await rpcVerify(key);
    expect(answer).toEqual({
      valid: true,
      keyId: apiKey.id,
      scope: "full",
      expiresAt: null,
      user: { id: alice.userId, username: "alice", role: "user" },
      permissions: { podcasts: "write", playback: "write", feeds: "write", downloads: "write", settings: "write", keys: "write" },
      podcastIds: null,
      network: null,
      rateLimit: null,
    });
  });

  it("answers exactly what POST /api/keys/verify answers, for every kind of key", async () => {
    const { key } = await newKey("Expiring", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    for (const candidate of [key, unknownKey, `${key.slice(0, -1)}x`, "", "podk_short"]) {
      const [rpc, http] = await Promise.all([rpcVerify(candidate), httpVerify(candidate)]);
      expect(http.status).toBe(200);
      expect(rpc.answer).toEqual(http.body);
    }
  });

  it("answers MALFORMED for a mistyped key", async () => {
    const { key } = await newKey("Typo");
    const typo = `${key.slice(0, 10)}${key[10] === "a" ? "b" : "a"}${key.slice(11)}`;
    expect((await rpcVerify(typo)).answer).toEqual({ valid: false, code: "MALFORMED" });
  });

  it("answers NOT_FOUND for a well-formed key that was never issued", async () => {
    expect((await rpcVerify(unknownKey)).answer).toEqual({ valid: false, code: "NOT_FOUND" });
  });

  it("answers EXPIRED once the key's expiry has passed", async () => {
    const { key, apiKey } = await newKey("Old tablet", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await workers.sql(`UPDATE api_keys SET expires_at = ${Date.now() - 1000} WHERE id = ${apiKey.id}`);
    expect((await rpcVerify(key)).answer).toEqual({ valid: false, code: "EXPIRED" });
  });

  it("answers DISABLED while the key is disabled, and valid again once enabled", async () => {
    const { key, apiKey } = await newKey("Paused");
    const setEnabled = (enabled: boolean) =>
      alice.api(`/api/keys/${apiKey.id}`, { method: "PATCH", json: { enabled }, cookie: alice.cookie });
    await setEnabled(false);
    expect((await rpcVerify(key)).answer).toEqual({ valid: false, code: "DISABLED" });
    await setEnabled(true);
    expect((await rpcVerify(key)).answer).toMatchObject({ valid: true, keyId: apiKey.id });
  });

  it("refuses a key deleted over HTTP on the very next call", async () => {
    const { key, apiKey } = await newKey("Lost phone");
    expect((await rpcVerify(key)).answer).toMatchObject({ valid: true });
    await alice.api(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: alice.cookie });
    expect((await rpcVerify(key)).answer).toEqual({ valid: false, code: "NOT_FOUND" });
  });

  it("records the key's last use, as a check over HTTP does", async () => {
    const { key, apiKey } = await newKey("Counted");
    await rpcVerify(key);
    // Written after the answer (ctx.waitUntil), batched per isolate: poll the owner's list briefly.
    let lastUsedAt: string | null = null;
    for (let attempt = 0; attempt < 30 && !lastUsedAt; attempt++) {
      const { keys } = (await (await alice.api("/api/keys", { method: "GET", cookie: alice.cookie })).json()) as {
        keys: { id: number; lastUsedAt: string | null }[];
      };
      lastUsedAt = keys.find((k) => k.id === apiKey.id)!.lastUsedAt;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lastUsedAt).not.toBeNull();
  });

  it("refuses an argument that is not a string with a TypeError, not a verdict", async () => {
    const { thrown } = await rpcVerify({ key: "podk_…" });
    expect(thrown).toMatchObject({ name: "TypeError", isError: true });
  });
});

describe("KeyService.verifyRequest", () => {
  it("reads the key from Authorization: Bearer, X-API-Key and Api-Key", async () => {
    const { key, apiKey } = await newKey("Headers");
    const presentations: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { "x-api-key": key }, { "api-key": key }];
    for (const headers of presentations) {
      expect((await verifyRequest(headers)).answer).toMatchObject({ valid: true, keyId: apiKey.id, user: { username: "alice" } });
    }
  });

  it("answers MISSING without a key header, and for another Authorization scheme", async () => {
    expect((await verifyRequest({})).answer).toEqual({ valid: false, code: "MISSING" });
    expect((await verifyRequest({ authorization: "Basic YWxpY2U6c2VjcmV0" })).answer).toEqual({ valid: false, code: "MISSING" });
  });

  it("answers MALFORMED for an unreadable header, as Podkeys' API refuses it", async () => {
    expect((await verifyRequest({ authorization: "Bearer" })).answer).toEqual({ valid: false, code: "MALFORMED" });
    expect((await verifyRequest({ "x-api-key": "x".repeat(300) })).answer).toEqual({ valid: false, code: "MALFORMED" });
  });

  it("answers NOT_FOUND for a deleted key", async () => {
    expect((await verifyRequest({ "api-key": unknownKey })).answer).toEqual({ valid: false, code: "NOT_FOUND" });
  });
});

describe("when D1 fails", () => {
  it("throws SERVICE_UNAVAILABLE — never a verdict — and works again once D1 is back", async () => {
    const { key } = await newKey("During the outage");
    await workers.sql("ALTER TABLE api_keys RENAME TO api_keys_away");
    try {
      const { answer, thrown } = await rpcVerify(key);
      expect(answer).toBeUndefined();
      expect(thrown).toMatchObject({ name: "ServiceUnavailableError", code: "SERVICE_UNAVAILABLE", retryAfter: 5, isError: true });
      expect(thrown!.message).toMatch(/^SERVICE_UNAVAILABLE: /);
      expect(thrown!.message).not.toMatch(/api_keys|SELECT|podk_/);
      expect((await verifyRequest({ "api-key": key })).thrown).toMatchObject({ code: "SERVICE_UNAVAILABLE" });

      // HTTP through the same binding says the same: 503 with Retry-After, in the error shape.
      const http = await httpVerify(key);
      expect(http).toMatchObject({ status: 503, retryAfter: "5", body: { error: { code: "SERVICE_UNAVAILABLE" } } });

      // Podkeys logs the failure by its kind, never the driver's message (it holds the SQL and the key's hash).
      expect(workers.output()).toContain('"rpc":"KeyService.verify","code":"SERVICE_UNAVAILABLE"');
      expect(workers.output()).not.toMatch(/no such table|params:/);

      // The format check needs no I/O: a mistyped key is still refused as such.
      expect((await rpcVerify(`${key.slice(0, -1)}!`)).answer).toEqual({ valid: false, code: "MALFORMED" });
    } finally {
      await workers.sql("ALTER TABLE api_keys_away RENAME TO api_keys");
    }
    expect((await rpcVerify(key)).answer).toMatchObject({ valid: true });
  });
});

describe("security", () => {
  it("no key ever appears in either Worker's output", () => {
    expect(issued.length).toBeGreaterThan(5);
    for (const key of issued) expect(workers.output()).not.toContain(key);
  });
});
