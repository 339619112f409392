import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, setupAdmin } from "../helpers";

let kim: { cookie: string; id: number };
beforeAll(async () => {
  const admin = await setupAdmin();
  kim = await createUser(admin.cookie, "kim");
});

const disable = (id: number, init: Parameters<typeof call>[1]) =>
  call(`/api/keys/${id}`, { method: "PATCH", ...init, json: { enabled: false } });
const enable = (id: number, init: Parameters<typeof call>[1]) =>
  call(`/api/keys/${id}`, { method: "PATCH", ...init, json: { enabled: true } });

describe("POST /api/keys/{id}/roll on a disabled key", () => {
  it("answers 409 and creates no enabled twin", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "switched off");
    expect((await disable(apiKey.id, { cookie: kim.cookie })).status).toBe(200);
    await expectError(
      await call(`/api/keys/${apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 0 } }),
      409,
      "CONFLICT",
    );
    const { keys } = await (await call("/api/keys", { cookie: kim.cookie })).json<{ keys: Array<{ name: string; enabled: boolean }> }>();
    expect(keys.filter((k) => k.name === "switched off")).toEqual([expect.objectContaining({ enabled: false })]);
    await expectError(await call("/api/me", { key }), 401, "KEY_DISABLED");
  });
});

describe("PATCH /api/keys/{id} {enabled: true} through a key", () => {
  it("refuses to enable a key that outlives the calling key", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const shortLived = (await createKey(kim.cookie, "expires tomorrow", { scope: "full", expiresAt: tomorrow })).key;
    const forever = await createKey(kim.cookie, "never expires", { scope: "read" });
    expect((await disable(forever.apiKey.id, { cookie: kim.cookie })).status).toBe(200);
    await expectError(await enable(forever.apiKey.id, { key: shortLived }), 403, "INSUFFICIENT_SCOPE");
    await expectError(await call("/api/me", { key: forever.key }), 401, "KEY_DISABLED");
  });

  it("refuses to enable a key with a broader scope (a read key cannot even write; a full key within bounds can)", async () => {
    const full = (await createKey(kim.cookie, "full forever", { scope: "full" })).key;
    const target = await createKey(kim.cookie, "full target", { scope: "full" });
    expect((await disable(target.apiKey.id, { cookie: kim.cookie })).status).toBe(200);
    expect((await enable(target.apiKey.id, { key: full })).status).toBe(200);
    expect((await call("/api/me", { key: target.key })).status).toBe(200);
  });

  it("still lets the signed-in owner enable any of their keys", async () => {
    const { apiKey } = await createKey(kim.cookie, "owner enables");
    expect((await disable(apiKey.id, { cookie: kim.cookie })).status).toBe(200);
    expect((await enable(apiKey.id, { cookie: kim.cookie })).status).toBe(200);
  });
});
