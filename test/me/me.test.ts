import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, login, PASSWORD, setupAdmin } from "../helpers";

let admin: { cookie: string; id: number };
let bob: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
  bob = await createUser(admin.cookie, "bob");
});

describe("GET /api/me", () => {
  it("names the signed-in user", async () => {
    const response = await call("/api/me", { cookie: bob.cookie });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: bob.id, username: "bob", role: "user" }, via: "session" });
  });

  it("names the key's owner and the key, with the key in any of the three headers", async () => {
    const { key, apiKey } = await createKey(bob.cookie, "Home Assistant");
    const expected = {
      user: { id: bob.id, username: "bob", role: "user" },
      via: "apiKey",
      key: { id: apiKey.id, name: "Home Assistant", scope: "read" },
    };
    const variants: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { "x-api-key": key }, { "api-key": key }];
    for (const headers of variants) {
      const response = await call("/api/me", { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(expected);
    }
  });

  it("answers 401 without credentials", async () => {
    await expectError(await call("/api/me"), 401, "UNAUTHENTICATED");
  });

  it("refuses an invalid key even when a valid session cookie is also sent", async () => {
    await expectError(await call("/api/me", { cookie: bob.cookie, headers: { "api-key": "podk_nope" } }), 401, "INVALID_KEY");
  });

  it("never accepts a key in the query string", async () => {
    const { key } = await createKey(bob.cookie, "query string");
    for (const name of ["key", "api_key", "apiKey", "api-key", "token"]) {
      await expectError(await call(`/api/me?${name}=${key}`), 401, "UNAUTHENTICATED");
    }
  });
});

describe("POST /api/me/password", () => {
  it("changes the password, ends other sessions and keeps this one", async () => {
    const carol = await createUser(admin.cookie, "carol");
    const otherDevice = await login("carol");
    const response = await call("/api/me/password", {
      method: "POST",
      cookie: carol.cookie,
      json: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
    });
    expect(response.status).toBe(204);
    expect((await call("/api/me", { cookie: carol.cookie })).status).toBe(200);
    await expectError(await call("/api/me", { cookie: otherDevice }), 401, "UNAUTHENTICATED");
    await expectError(
      await call("/api/auth/login", { method: "POST", json: { username: "carol", password: PASSWORD } }),
      401,
      "INVALID_CREDENTIALS",
    );
    expect(
      (await call("/api/auth/login", { method: "POST", json: { username: "carol", password: "a brand new passphrase" } })).status,
    ).toBe(200);
  });

  it("refuses a wrong current password", async () => {
    await expectError(
      await call("/api/me/password", {
        method: "POST",
        cookie: bob.cookie,
        json: { currentPassword: "not my password", newPassword: "another passphrase" },
      }),
      400,
      "WRONG_PASSWORD",
    );
  });

  it("refuses a new password shorter than 10 characters", async () => {
    await expectError(
      await call("/api/me/password", { method: "POST", cookie: bob.cookie, json: { currentPassword: PASSWORD, newPassword: "short" } }),
      400,
      "VALIDATION_ERROR",
    );
  });

  it("cannot be done with an API key", async () => {
    const { key } = await createKey(bob.cookie, "script");
    await expectError(
      await call("/api/me/password", { method: "POST", key, json: { currentPassword: PASSWORD, newPassword: "hijacked passphrase" } }),
      403,
      "SESSION_REQUIRED",
    );
  });

  it("needs authentication", async () => {
    await expectError(
      await call("/api/me/password", { method: "POST", json: { currentPassword: PASSWORD, newPassword: "another passphrase" } }),
      401,
      "UNAUTHENTICATED",
    );
  });
});
