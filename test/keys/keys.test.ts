import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { type CreatedKey, call, createKey, createUser, env, expectError, setupAdmin } from "../helpers";

let admin: { cookie: string; id: number };
let alice: { cookie: string; id: number };
let bob: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("admin");
  alice = await createUser(admin.cookie, "alice");
  bob = await createUser(admin.cookie, "bob");
});

async function listKeys(init: Parameters<typeof call>[1], query = "") {
  const response = await call(`/api/keys${query}`, init);
  expect(response.status).toBe(200);
  return (await response.json<{ keys: CreatedKey["apiKey"][] }>()).keys;
}

describe("POST /api/keys", () => {
  it("creates a key that works at once, and shows it only in this answer", async () => {
    const response = await call("/api/keys", { method: "POST", cookie: alice.cookie, json: { name: "Kodi living room" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { key, apiKey } = await response.json<CreatedKey>();
    expect(key).toMatch(/^podk_[0-9A-Za-z]{49}$/);
    expect(apiKey).toMatchObject({
      name: "Kodi living room",
      hint: `podk_…${key.slice(-4)}`,
      lastUsedAt: null,
      owner: { id: alice.id, username: "alice" },
    });
    expect(new Date(apiKey.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    expect((await call("/api/me", { key })).status).toBe(200);

    const later = await Promise.all([
      call("/api/keys", { cookie: alice.cookie }),
      call("/api/keys", { cookie: admin.cookie }),
      call("/api/keys", { key }),
      call("/api/me", { key }),
      call("/api/openapi.json"),
    ]);
    for (const answer of later) expect(await answer.text()).not.toContain(key);
  });

  it("stores only the SHA-256 of the key in D1", async () => {
    const { key, apiKey } = await createKey(alice.cookie, "hash check");
    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(apiKey.id).first<Record<string, unknown>>();
    expect(row!.key_hash).toBe(await sha256Hex(key));
    const everything = JSON.stringify(
      await Promise.all(["users", "sessions", "api_keys"].map((t) => env.DB.prepare(`SELECT * FROM ${t}`).all())),
    );
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(key.slice(5, 25)); // nor any sizeable piece of its secret
  });

  it("keeps the name exactly as given, markup included", async () => {
    const name = "  <script>alert('x')</script> ünïcødé 🎧 ";
    const { apiKey } = await createKey(alice.cookie, name);
    expect(apiKey.name).toBe(name);
  });

  it("refuses empty, blank, over-long and control-character names", async () => {
    for (const name of ["", "   ", "x".repeat(101), "tab\tname", "null\u0000byte", 42, null]) {
      await expectError(await call("/api/keys", { method: "POST", cookie: alice.cookie, json: { name } }), 400, "VALIDATION_ERROR");
    }
    expect((await call("/api/keys", { method: "POST", cookie: alice.cookie, json: { name: "🎧".repeat(100) } })).status).toBe(201);
  });

  it("refuses a body that is not JSON with 415", async () => {
    await expectError(
      await call("/api/keys", {
        method: "POST",
        cookie: alice.cookie,
        body: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  it("cannot be done with a read-scope key", async () => {
    const { key } = await createKey(alice.cookie, "reader");
    await expectError(await call("/api/keys", { method: "POST", key, json: { name: "minted by a key" } }), 403, "INSUFFICIENT_SCOPE");
    await expectError(await call("/api/keys", { method: "POST", json: { name: "anonymous" } }), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/keys", () => {
  it("shows a user only their own keys", async () => {
    await createKey(bob.cookie, "Bob's Plex");
    const keys = await listKeys({ cookie: bob.cookie });
    expect(keys.map((k) => k.name)).toEqual(["Bob's Plex"]);
    expect(keys.every((k) => k.owner.username === "bob")).toBe(true);
    const aliceKeys = await listKeys({ cookie: alice.cookie });
    expect(aliceKeys.length).toBeGreaterThan(0);
    expect(aliceKeys.every((k) => k.owner.username === "alice")).toBe(true);
  });

  it("shows an admin every key with its owner, newest first, and filters by user", async () => {
    const all = await listKeys({ cookie: admin.cookie });
    expect(new Set(all.map((k) => k.owner.username))).toEqual(new Set(["alice", "bob"]));
    const times = all.map((k) => Date.parse(k.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const bobs = await listKeys({ cookie: admin.cookie }, `?userId=${bob.id}`);
    expect(bobs.map((k) => k.name)).toEqual(["Bob's Plex"]);
  });

  it("lists hints and never a key or hash", async () => {
    const { key } = await createKey(bob.cookie, "hint only");
    const text = await (await call("/api/keys", { cookie: bob.cookie })).text();
    expect(text).not.toContain(key);
    expect(text).not.toContain(await sha256Hex(key));
    expect(text).not.toMatch(/keyHash|key_hash/);
    expect(text).toContain(`podk_…${key.slice(-4)}`);
  });

  it("works with a key, scoped to the key's owner", async () => {
    const { key } = await createKey(bob.cookie, "lister");
    const keys = await listKeys({ key });
    expect(keys.every((k) => k.owner.id === bob.id)).toBe(true);
  });

  it("refuses a user's filter on another user with 403, and a bad filter with 400", async () => {
    await expectError(await call(`/api/keys?userId=${alice.id}`, { cookie: bob.cookie }), 403, "FORBIDDEN");
    await expectError(await call("/api/keys?userId=abc", { cookie: admin.cookie }), 400, "VALIDATION_ERROR");
  });

  it("answers 401 without credentials", async () => {
    await expectError(await call("/api/keys"), 401, "UNAUTHENTICATED");
  });

  it("shows when a key was last used", async () => {
    const { key, apiKey } = await createKey(bob.cookie, "last used");
    expect((await call("/api/me", { key })).status).toBe(200);
    // lastUsedAt is written after the answer (waitUntil); poll briefly for it to land.
    let listed: CreatedKey["apiKey"] | undefined;
    for (let i = 0; i < 50 && !listed?.lastUsedAt; i++) {
      listed = (await listKeys({ cookie: bob.cookie })).find((k) => k.id === apiKey.id);
      if (!listed?.lastUsedAt) await new Promise((r) => setTimeout(r, 20));
    }
    expect(Date.parse(listed!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("DELETE /api/keys/{id}", () => {
  it("refuses the key on the very next request", async () => {
    const { key, apiKey } = await createKey(alice.cookie, "to delete");
    expect((await call("/api/me", { key })).status).toBe(200);
    expect((await call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: alice.cookie })).status).toBe(204);
    await expectError(await call("/api/me", { key }), 401, "INVALID_KEY");
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key } })).json()).toEqual({ valid: false, code: "NOT_FOUND" });
    expect((await listKeys({ cookie: alice.cookie })).some((k) => k.id === apiKey.id)).toBe(false);
  });

  it("answers 404 for another user's key, exactly as for a missing one, and leaves it working", async () => {
    const { key, apiKey } = await createKey(alice.cookie, "not Bob's");
    const foreign = await expectError(await call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: bob.cookie }), 404, "NOT_FOUND");
    const missing = await expectError(await call("/api/keys/999999", { method: "DELETE", cookie: bob.cookie }), 404, "NOT_FOUND");
    expect(foreign).toEqual(missing);
    expect((await call("/api/me", { key })).status).toBe(200);
  });

  it("lets an admin delete anyone's key", async () => {
    const { key, apiKey } = await createKey(bob.cookie, "admin removes");
    expect((await call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: admin.cookie })).status).toBe(204);
    expect((await call("/api/me", { key })).status).toBe(401);
  });

  it("cannot be done with a read-scope key", async () => {
    const { key, apiKey } = await createKey(bob.cookie, "self destruct");
    await expectError(await call(`/api/keys/${apiKey.id}`, { method: "DELETE", key }), 403, "INSUFFICIENT_SCOPE");
    await expectError(await call(`/api/keys/${apiKey.id}`, { method: "DELETE" }), 401, "UNAUTHENTICATED");
  });

  it("refuses ids that are not positive integers with 400", async () => {
    for (const id of ["abc", "-1", "0", "1e309", "1.5", "12345678901234567890", "%20"]) {
      await expectError(await call(`/api/keys/${id}`, { method: "DELETE", cookie: bob.cookie }), 400, "VALIDATION_ERROR");
    }
  });
});

describe("POST /api/keys/verify", () => {
  it("confirms a valid key and names its owner", async () => {
    const { key, apiKey } = await createKey(bob.cookie, "service check");
    const response = await call("/api/keys/verify", { method: "POST", json: { key } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      valid: true,
      keyId: apiKey.id,
      scope: "read",
      expiresAt: null,
      user: { id: bob.id, username: "bob", role: "user" },
      permissions: { podcasts: "read", playback: "read", feeds: "read", downloads: "read", settings: "read", keys: "read" },
      podcastIds: null,
      network: null,
      rateLimit: null,
    });
  });

  it("tells a malformed key from an unknown one", async () => {
    const { key } = await createKey(bob.cookie, "typo");
    const typo = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key: typo } })).json()).toEqual({
      valid: false,
      code: "MALFORMED",
    });
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key: "hello" } })).json()).toEqual({
      valid: false,
      code: "MALFORMED",
    });
  });

  it("validates its body", async () => {
    await expectError(await call("/api/keys/verify", { method: "POST", json: {} }), 400, "VALIDATION_ERROR");
    await expectError(await call("/api/keys/verify", { method: "POST", json: { key: "x".repeat(300) } }), 400, "VALIDATION_ERROR");
  });
});

describe("key headers", () => {
  it("refuses an oversized or odd Authorization header with a clean 4xx", async () => {
    await expectError(await call("/api/me", { headers: { authorization: `Bearer ${"a".repeat(5000)}` } }), 400, "BAD_REQUEST");
    await expectError(await call("/api/me", { headers: { authorization: "Bearer" } }), 401, "INVALID_KEY");
    await expectError(await call("/api/me", { headers: { authorization: "Bearer a b" } }), 401, "INVALID_KEY");
    await expectError(await call("/api/me", { headers: { "x-api-key": "" } }), 401, "INVALID_KEY");
  });
});
