import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, setupAdmin } from "../helpers";

// Strict mode (KEY_CACHE_TTL_SECONDS=0, the default in wrangler.toml): every check reads the D1 primary.
let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("DELETE /api/keys/:id", () => {
  it("refuses the key on the very next request", async () => {
    const { key, apiKey } = await createKey(admin.cookie);
    expect((await call("/api/me", { key })).status).toBe(200);
    expect((await call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: admin.cookie })).status).toBe(204);

    await expectError(await call("/api/me", { key }), 401, "INVALID_KEY");
    await expectError(await call("/api/keys", { key }), 401, "INVALID_KEY");
    const verify = await call("/api/keys/verify", { method: "POST", json: { key } });
    expect(await verify.json()).toEqual({ valid: false, code: "NOT_FOUND" });
  });

  it("leaves the owner's other keys working", async () => {
    const [kept, deleted] = [await createKey(admin.cookie), await createKey(admin.cookie)];
    await call(`/api/keys/${deleted.apiKey.id}`, { method: "DELETE", cookie: admin.cookie });
    expect((await call("/api/me", { key: kept.key })).status).toBe(200);
  });
});

describe("DELETE /api/users/:id", () => {
  it("refuses the user's keys on the very next request", async () => {
    const user = await createUser(admin.cookie, "leaver");
    const { key } = await createKey(user.cookie);
    expect((await call("/api/me", { key })).status).toBe(200);
    expect((await call(`/api/users/${user.id}`, { method: "DELETE", cookie: admin.cookie })).status).toBe(204);
    await expectError(await call("/api/me", { key }), 401, "INVALID_KEY");
  });
});

describe("POST /api/keys", () => {
  it("makes a key that works on the very next request", async () => {
    const { key } = await createKey(admin.cookie);
    expect((await call("/api/me", { key })).status).toBe(200);
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key } })).json()).toMatchObject({ valid: true });
  });
});
