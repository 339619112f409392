import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { type CreatedKey, call, createKey, env, expectError, type ListedKey, ORIGIN, setupAdminKimAndLee } from "../helpers";

type Account = { cookie: string; id: number };
let admin: Account;
let kim: Account;
let lee: Account;
beforeAll(async () => {
  ({ admin, kim, lee } = await setupAdminKimAndLee());
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function findListed(cookie: string, id: number): Promise<ListedKey | undefined> {
  const { keys } = await (await call("/api/keys", { cookie })).json<{ keys: ListedKey[] }>();
  return keys.find((k) => k.id === id);
}

async function verify(key: string) {
  return (await call("/api/keys/verify", { method: "POST", json: { key } })).json<{ valid: boolean; code?: string }>();
}

describe("expiry", () => {
  it("keeps an optional expiresAt and shows it in the list", async () => {
    const expiresAt = inDays(30);
    const { apiKey } = await createKey(kim.cookie, "monthly", { expiresAt });
    expect(apiKey.expiresAt).toBe(expiresAt);
    expect((await findListed(kim.cookie, apiKey.id))?.expiresAt).toBe(expiresAt);
  });

  it("refuses an expiry in the past, or one that is not ISO 8601", async () => {
    await expectError(
      await call("/api/keys", { method: "POST", cookie: kim.cookie, json: { name: "old", expiresAt: inDays(-1) } }),
      400,
      "VALIDATION_ERROR",
    );
    await expectError(
      await call("/api/keys", { method: "POST", cookie: kim.cookie, json: { name: "odd", expiresAt: "next tuesday" } }),
      400,
      "VALIDATION_ERROR",
    );
  });

  it("refuses an expired key with 401 KEY_EXPIRED, and verify says EXPIRED", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "short lived", { expiresAt: inDays(1) });
    expect((await call("/api/me", { key })).status).toBe(200);
    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, apiKey.id)
      .run();
    await expectError(await call("/api/me", { key }), 401, "KEY_EXPIRED");
    expect(await verify(key)).toEqual({ valid: false, code: "EXPIRED" });
  });

  it("caps lifetimes with MAX_KEY_LIFETIME_DAYS", async () => {
    const capped = { ...env, MAX_KEY_LIFETIME_DAYS: "7" };
    const request = (body: unknown) =>
      app.request(
        "/api/keys",
        { method: "POST", headers: { cookie: kim.cookie, "content-type": "application/json" }, body: JSON.stringify(body) },
        capped,
      );
    await expectError(await request({ name: "too long", expiresAt: inDays(8) }), 400, "VALIDATION_ERROR");
    const defaulted = await (await request({ name: "no expiry asked" })).json<CreatedKey>();
    const lifetime = Date.parse(defaulted.apiKey.expiresAt!) - Date.now();
    expect(lifetime).toBeGreaterThan(6.9 * 86_400_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400_000);
  });
});

describe("scopes", () => {
  it("defaults to read, and shows the scope in the create answer, the list and verify", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "default scope");
    expect(apiKey.scope).toBe("read");
    const full = await createKey(kim.cookie, "full scope", { scope: "full" });
    expect(full.apiKey.scope).toBe("full");
    expect((await findListed(kim.cookie, full.apiKey.id))?.scope).toBe("full");
    expect(await verify(full.key)).toMatchObject({ valid: true, scope: "full" });
    expect(await verify(key)).toMatchObject({ valid: true, scope: "read" });
  });

  it("lets a read key make GET requests only", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "reader");
    expect((await call("/api/keys", { key })).status).toBe(200);
    expect((await call("/api/keys", { key, method: "HEAD" })).status).toBe(200);
    await expectError(await call(`/api/keys/${apiKey.id}`, { method: "PATCH", key, json: { enabled: false } }), 403, "INSUFFICIENT_SCOPE");
    await expectError(await call(`/api/keys/${apiKey.id}/roll`, { method: "POST", key, json: {} }), 403, "INSUFFICIENT_SCOPE");
  });

  it("lets a full key create, roll, disable, enable and delete its owner's keys", async () => {
    const { key } = await createKey(kim.cookie, "automation", { scope: "full" });
    const created = await call("/api/keys", { method: "POST", key, json: { name: "made by automation", scope: "full" } });
    expect(created.status).toBe(201);
    const child = await created.json<CreatedKey>();
    expect(child.apiKey.owner.username).toBe("kim");
    expect((await call(`/api/keys/${child.apiKey.id}`, { method: "PATCH", key, json: { enabled: false } })).status).toBe(200);
    expect((await call(`/api/keys/${child.apiKey.id}`, { method: "PATCH", key, json: { enabled: true } })).status).toBe(200);
    expect((await call(`/api/keys/${child.apiKey.id}/roll`, { method: "POST", key, json: { graceSeconds: 0 } })).status).toBe(201);
    expect((await call(`/api/keys/${child.apiKey.id}`, { method: "DELETE", key })).status).toBe(204);
  });

  it("never lets a key mint a key that outlives it", async () => {
    const { key } = await createKey(kim.cookie, "expiring automation", { scope: "full", expiresAt: inDays(7) });
    await expectError(await call("/api/keys", { method: "POST", key, json: { name: "forever" } }), 403, "INSUFFICIENT_SCOPE");
    await expectError(
      await call("/api/keys", { method: "POST", key, json: { name: "later", expiresAt: inDays(8) } }),
      403,
      "INSUFFICIENT_SCOPE",
    );
    expect((await call("/api/keys", { method: "POST", key, json: { name: "sooner", expiresAt: inDays(6) } })).status).toBe(201);
    const forever = await createKey(kim.cookie, "never expires");
    await expectError(await call(`/api/keys/${forever.apiKey.id}/roll`, { method: "POST", key, json: {} }), 403, "INSUFFICIENT_SCOPE");
  });

  it("keeps a full key to its owner's keys, even when the owner is an admin", async () => {
    const { key } = await createKey(admin.cookie, "admin automation", { scope: "full" });
    const kims = await createKey(kim.cookie, "kim's");
    await expectError(await call(`/api/keys/${kims.apiKey.id}`, { method: "DELETE", key }), 404, "NOT_FOUND");
    await expectError(await call(`/api/keys/${kims.apiKey.id}`, { method: "PATCH", key, json: { enabled: false } }), 404, "NOT_FOUND");
    expect((await call("/api/me", { key: kims.key })).status).toBe(200);
  });

  it("never lets any key touch users or passwords", async () => {
    const { key } = await createKey(admin.cookie, "admin full", { scope: "full" });
    await expectError(await call("/api/users", { key }), 403, "SESSION_REQUIRED");
    await expectError(
      await call("/api/users", { method: "POST", key, json: { username: "x1", password: "long enough pw" } }),
      403,
      "SESSION_REQUIRED",
    );
    await expectError(await call(`/api/users/${kim.id}`, { method: "DELETE", key }), 403, "SESSION_REQUIRED");
    await expectError(
      await call("/api/me/password", { method: "POST", key, json: { currentPassword: "x", newPassword: "long enough pw" } }),
      403,
      "SESSION_REQUIRED",
    );
  });

  it("refuses an unknown scope", async () => {
    await expectError(
      await call("/api/keys", { method: "POST", cookie: kim.cookie, json: { name: "x", scope: "admin" } }),
      400,
      "VALIDATION_ERROR",
    );
  });
});

describe("POST /api/keys/{id}/roll", () => {
  it("returns a new key with the same name, scope and expiry; the old one works until the grace ends", async () => {
    const expiresAt = inDays(30);
    const old = await createKey(kim.cookie, "Plex server", { scope: "full", expiresAt });
    const response = await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 3600 } });
    expect(response.status).toBe(201);
    const rolled = await response.json<CreatedKey & { previousKeyExpiresAt: string }>();
    expect(rolled.key).not.toBe(old.key);
    expect(rolled.apiKey).toMatchObject({ name: "Plex server", scope: "full", expiresAt });
    const grace = Date.parse(rolled.previousKeyExpiresAt) - Date.now();
    expect(grace).toBeGreaterThan(3590_000);
    expect(grace).toBeLessThanOrEqual(3600_000);
    expect((await call("/api/me", { key: rolled.key })).status).toBe(200);
    expect((await call("/api/me", { key: old.key })).status).toBe(200);

    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, old.apiKey.id)
      .run();
    await expectError(await call("/api/me", { key: old.key }), 401, "KEY_EXPIRED");
    expect((await call("/api/me", { key: rolled.key })).status).toBe(200);
  });

  it("refuses the old key at once with no grace", async () => {
    const old = await createKey(kim.cookie, "instant roll");
    const rolled = await (
      await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 0 } })
    ).json<CreatedKey>();
    await expectError(await call("/api/me", { key: old.key }), 401, "KEY_EXPIRED");
    expect((await call("/api/me", { key: rolled.key })).status).toBe(200);
  });

  it("never extends the old key past its own expiry", async () => {
    const old = await createKey(kim.cookie, "ends soon", { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const rolled = await (
      await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 86_400 } })
    ).json<{ previousKeyExpiresAt: string }>();
    expect(Date.parse(rolled.previousKeyExpiresAt)).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("renews: with expiresAt the new key gets that expiry, the same name and scope; an expired key may be renewed, never rolled as it is", async () => {
    const old = await createKey(kim.cookie, "Podcast app", { scope: "full", expiresAt: inDays(1) });
    await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, old.apiKey.id)
      .run();
    await expectError(await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: {} }), 409, "CONFLICT");

    const expiresAt = inDays(90);
    const response = await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { expiresAt } });
    expect(response.status).toBe(201);
    const renewed = await response.json<CreatedKey & { previousKeyExpiresAt: string }>();
    expect(renewed.apiKey).toMatchObject({ name: "Podcast app", scope: "full", expiresAt });
    expect((await call("/api/me", { key: renewed.key })).status).toBe(200);
    await expectError(await call("/api/me", { key: old.key }), 401, "KEY_EXPIRED");
    expect(Date.parse(renewed.previousKeyExpiresAt)).toBeLessThan(Date.now());
    expect((await findListed(kim.cookie, old.apiKey.id))?.replacedById).toBe(renewed.apiKey.id);
  });

  it("renews to no expiry with expiresAt null, and refuses a renewal into the past", async () => {
    const old = await createKey(kim.cookie, "Forever after", { expiresAt: inDays(2) });
    await expectError(
      await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { expiresAt: inDays(-1) } }),
      400,
      "VALIDATION_ERROR",
    );
    const renewed = await (
      await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { expiresAt: null } })
    ).json<CreatedKey>();
    expect(renewed.apiKey.expiresAt).toBeNull();
  });

  it("validates the grace period and ownership", async () => {
    const own = await createKey(kim.cookie, "grace check");
    for (const graceSeconds of [-1, 604_801, 1.5, "60"]) {
      await expectError(
        await call(`/api/keys/${own.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds } }),
        400,
        "VALIDATION_ERROR",
      );
    }
    await expectError(await call(`/api/keys/${own.apiKey.id}/roll`, { method: "POST", cookie: lee.cookie, json: {} }), 404, "NOT_FOUND");
    await expectError(await call(`/api/keys/${own.apiKey.id}/roll`, { method: "POST", json: {} }), 401, "UNAUTHENTICATED");
  });
});

describe("PATCH /api/keys/{id} (enable / disable)", () => {
  it("refuses a disabled key at once and restores it when enabled", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "toggle");
    const disabled = await call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: kim.cookie, json: { enabled: false } });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ apiKey: { id: apiKey.id, enabled: false } });
    await expectError(await call("/api/me", { key }), 401, "KEY_DISABLED");
    expect(await verify(key)).toEqual({ valid: false, code: "DISABLED" });
    expect((await findListed(kim.cookie, apiKey.id))?.enabled).toBe(false);

    expect((await call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: kim.cookie, json: { enabled: true } })).status).toBe(200);
    expect((await call("/api/me", { key })).status).toBe(200);
  });

  it("is refused for another user's key (404) and validates its body", async () => {
    const { apiKey } = await createKey(kim.cookie, "not lee's");
    await expectError(
      await call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: lee.cookie, json: { enabled: false } }),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: kim.cookie, json: { enabled: "no" } }),
      400,
      "VALIDATION_ERROR",
    );
    expect((await call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: admin.cookie, json: { enabled: false } })).status).toBe(200);
  });
});

describe("last used", () => {
  it("records when and from which country a key was last used", async () => {
    const { key, apiKey } = await createKey(lee.cookie, "travelling phone");
    const response = await exports.default.fetch(
      new Request(`${ORIGIN}/api/me`, { headers: { authorization: `Bearer ${key}` }, cf: { country: "NZ" } } as RequestInit),
    );
    expect(response.status).toBe(200);
    let listed: ListedKey | undefined;
    for (let i = 0; i < 50 && !listed?.lastUsedAt; i++) {
      listed = await findListed(lee.cookie, apiKey.id);
      if (!listed?.lastUsedAt) await new Promise((r) => setTimeout(r, 20));
    }
    expect(listed).toMatchObject({ lastUsedCountry: "NZ" });
    expect(Date.parse(listed!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lets an admin find keys unused for 90 days", async () => {
    const stale = await createKey(lee.cookie, "stale");
    const neverUsedOld = await createKey(lee.cookie, "never used, old");
    const fresh = await createKey(lee.cookie, "fresh");
    const longAgo = Date.now() - 100 * 86_400_000;
    await env.DB.prepare("UPDATE api_keys SET last_used_at = ?, created_at = ? WHERE id = ?").bind(longAgo, longAgo, stale.apiKey.id).run();
    await env.DB.prepare("UPDATE api_keys SET created_at = ? WHERE id = ?").bind(longAgo, neverUsedOld.apiKey.id).run();
    const { keys } = await (await call(`/api/keys?unusedForDays=90&userId=${lee.id}`, { cookie: admin.cookie })).json<{
      keys: ListedKey[];
    }>();
    const ids = keys.map((k) => k.id);
    expect(ids).toContain(stale.apiKey.id);
    expect(ids).toContain(neverUsedOld.apiKey.id);
    expect(ids).not.toContain(fresh.apiKey.id);
  });
});
