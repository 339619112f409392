import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, type ListedKey, setupAdmin } from "../helpers";

/**
 * An admin's read key — the kind handed to a dashboard or a plugin — acts in its owner's own space.
 * Admin-wide reads through a key need an admin's full-scope key; the admin's session sees everything.
 */
let admin: { cookie: string; id: number };
let bob: { cookie: string; id: number };
let adminRead: string;
let adminFull: string;
let bobsKeyId: number;
beforeAll(async () => {
  admin = await setupAdmin();
  bob = await createUser(admin.cookie, "bob");
  bobsKeyId = (await createKey(bob.cookie, "bob's phone")).apiKey.id;
  adminRead = (await createKey(admin.cookie, "dashboard", { scope: "read" })).key;
  adminFull = (await createKey(admin.cookie, "pinepods web", { scope: "full" })).key;
});

const owners = async (init: Parameters<typeof call>[1], query = "") => {
  const response = await call(`/api/keys${query}`, init);
  expect(response.status).toBe(200);
  return new Set((await response.json<{ keys: ListedKey[] }>()).keys.map((k) => k.owner.username));
};

describe("GET /api/keys with an admin's key", () => {
  it("lists only the admin's own keys with a read key", async () => {
    expect(await owners({ key: adminRead })).toEqual(new Set(["admin"]));
  });

  it("refuses ?userId= of another user with a read key (403), and allows the admin's own id", async () => {
    await expectError(await call(`/api/keys?userId=${bob.id}`, { key: adminRead }), 403, "FORBIDDEN");
    expect(await owners({ key: adminRead }, `?userId=${admin.id}`)).toEqual(new Set(["admin"]));
  });

  it("lists every key with a full-scope key and with the admin's session", async () => {
    expect(await owners({ key: adminFull })).toEqual(new Set(["admin", "bob"]));
    expect(await owners({ cookie: admin.cookie })).toEqual(new Set(["admin", "bob"]));
    expect(await owners({ key: adminFull }, `?userId=${bob.id}`)).toEqual(new Set(["bob"]));
  });
});

describe("GET /api/audit with an admin's key", () => {
  const events = async (init: Parameters<typeof call>[1]) => {
    const response = await call("/api/audit?limit=100", init);
    expect(response.status).toBe(200);
    return (await response.json<{ events: Array<{ target: { type: string; id: number }; targetOwner: { id: number } | null }> }>()).events;
  };

  it("shows nothing about other users' keys or accounts with a read key", async () => {
    const seen = await events({ key: adminRead });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.targetOwner?.id === admin.id)).toBe(true);
    expect(seen.some((e) => e.target.type === "key" && e.target.id === bobsKeyId)).toBe(false);
  });

  it("shows every event to the full-scope key and the session", async () => {
    for (const init of [{ key: adminFull }, { cookie: admin.cookie }]) {
      expect((await events(init)).some((e) => e.target.type === "key" && e.target.id === bobsKeyId)).toBe(true);
    }
  });
});

describe("GET /api/data/get_api_info/{user_id} with an admin's key", () => {
  it("answers 403 for another user's id with a read key, and the admin's own keys for their own id", async () => {
    await expectError(await call(`/api/data/get_api_info/${bob.id}`, { headers: { "api-key": adminRead } }), 403, "FORBIDDEN");
    const own = await call(`/api/data/get_api_info/${admin.id}`, { headers: { "api-key": adminRead } });
    const { api_info } = await own.json<{ api_info: Array<{ username: string }> }>();
    expect(new Set(api_info.map((k) => k.username))).toEqual(new Set(["admin"]));
  });

  it("still answers an admin's full-scope key", async () => {
    expect((await call(`/api/data/get_api_info/${bob.id}`, { headers: { "api-key": adminFull } })).status).toBe(200);
  });
});

describe("users, passwords and sessions stay session-only", () => {
  it("refuses an admin's full-scope key on the users API", async () => {
    await expectError(await call("/api/users", { key: adminFull }), 403, "SESSION_REQUIRED");
    await expectError(
      await call("/api/users", { method: "POST", key: adminFull, json: { username: "mallory", password: "long enough password" } }),
      403,
      "SESSION_REQUIRED",
    );
  });
});
