import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, env, expectError, ORIGIN, PASSWORD, SETUP_TOKEN, setupAdmin } from "../helpers";

const EVIL = "https://evil.example";
const crossSite = { origin: EVIL, "sec-fetch-site": "cross-site" };

let admin: { cookie: string; id: number };
let alice: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
  alice = await createUser(admin.cookie, "alice");
});

const keyCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM api_keys").first<number>("n"))!;

describe("state-changing requests with the session cookie", () => {
  it("refuses a cross-site POST with 403 CSRF and creates nothing", async () => {
    const before = await keyCount();
    const forgeries: Array<Record<string, string>> = [
      crossSite,
      { origin: EVIL },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "null" },
    ];
    for (const headers of forgeries) {
      await expectError(await call("/api/keys", { method: "POST", cookie: alice.cookie, headers, json: { name: "forged" } }), 403, "CSRF");
    }
    expect(await keyCount()).toBe(before);
  });

  it("refuses every forged write: keys, Pinepods endpoints, password, sign-out, users", async () => {
    const { key, apiKey } = await createKey(alice.cookie);
    const forged: Array<[string, RequestInit & { json?: unknown }, string]> = [
      [`/api/keys/${apiKey.id}`, { method: "DELETE" }, alice.cookie],
      [`/api/keys/${apiKey.id}`, { method: "PATCH", json: { enabled: false } }, alice.cookie],
      [`/api/keys/${apiKey.id}/roll`, { method: "POST", json: { graceSeconds: 0 } }, alice.cookie],
      ["/api/data/create_api_key", { method: "POST", json: { user_id: alice.id, rssonly: false } }, alice.cookie],
      ["/api/data/delete_api_key", { method: "DELETE", json: { api_id: apiKey.id } }, alice.cookie],
      ["/api/me/password", { method: "POST", json: { currentPassword: PASSWORD, newPassword: "attacker's password" } }, alice.cookie],
      ["/api/auth/logout", { method: "POST" }, alice.cookie],
      ["/api/users", { method: "POST", json: { username: "mallory", password: PASSWORD, role: "admin" } }, admin.cookie],
      [`/api/users/${alice.id}`, { method: "PATCH", json: { role: "admin" } }, admin.cookie],
      [`/api/users/${alice.id}`, { method: "DELETE" }, admin.cookie],
    ];
    for (const [path, init, cookie] of forged) {
      await expectError(await call(path, { ...init, cookie, headers: crossSite }), 403, "CSRF");
    }
    // Nothing happened: the key works, the session lives, the password and roles are unchanged.
    expect((await call("/api/me", { key })).status).toBe(200);
    expect(await (await call("/api/me", { cookie: alice.cookie })).json()).toMatchObject({ user: { username: "alice", role: "user" } });
    expect((await call("/api/auth/login", { method: "POST", json: { username: "alice", password: PASSWORD } })).status).toBe(200);
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE username = 'mallory'").first()).toBeNull();
  });

  it("accepts the same request from the page itself", async () => {
    const genuine: Array<Record<string, string>> = [
      { origin: ORIGIN, "sec-fetch-site": "same-origin" },
      { origin: ORIGIN },
      { "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "none" },
    ];
    for (const headers of genuine) {
      expect((await call("/api/keys", { method: "POST", cookie: alice.cookie, headers, json: { name: "from the page" } })).status).toBe(
        201,
      );
    }
  });

  it("trusts Sec-Fetch-Site over Origin, so a same-origin dev proxy that rewrites the host still works", async () => {
    const headers = { origin: "http://localhost:5173", "sec-fetch-site": "same-origin" };
    expect((await call("/api/keys", { method: "POST", cookie: alice.cookie, headers, json: { name: "via proxy" } })).status).toBe(201);
  });

  it("accepts requests with neither header: they come from programs, not browsers", async () => {
    expect((await call("/api/keys", { method: "POST", cookie: alice.cookie, json: { name: "from curl" } })).status).toBe(201);
  });

  it("leaves safe methods alone (the browser will not let the other site read the answer)", async () => {
    expect((await call("/api/keys", { cookie: alice.cookie, headers: crossSite })).status).toBe(200);
  });
});

describe("sign-in and setup (login CSRF)", () => {
  it("refuses a cross-site sign-in, so nobody can sign a victim into the attacker's account", async () => {
    const response = await call("/api/auth/login", { method: "POST", headers: crossSite, json: { username: "alice", password: PASSWORD } });
    expect(response.headers.getSetCookie()).toEqual([]);
    await expectError(response, 403, "CSRF");
  });

  it("refuses a cross-site sign-in that presents a key header, junk or valid: no key authenticates a sign-in", async () => {
    const valid = (await createKey(alice.cookie, "valid but irrelevant", { scope: "full" })).key;
    const keyHeaders: Array<Record<string, string>> = [{ "x-api-key": "junk" }, { "api-key": valid }, { authorization: `Bearer ${valid}` }];
    for (const presented of keyHeaders) {
      const response = await call("/api/auth/login", {
        method: "POST",
        headers: { ...crossSite, ...presented },
        json: { username: "alice", password: PASSWORD },
      });
      expect(response.headers.getSetCookie()).toEqual([]);
      await expectError(response, 403, "CSRF");
    }
    const setup = await call("/api/setup", {
      method: "POST",
      headers: { ...crossSite, "x-api-key": "junk" },
      json: { token: SETUP_TOKEN, username: "x", password: PASSWORD },
    });
    await expectError(setup, 403, "CSRF");
  });

  it("refuses a cross-site setup", async () => {
    const response = await call("/api/setup", {
      method: "POST",
      headers: { origin: EVIL },
      json: { token: SETUP_TOKEN, username: "x", password: PASSWORD },
    });
    await expectError(response, 403, "CSRF");
  });
});

describe("requests that present an API key", () => {
  it("are not subject to the check: they never use the cookie", async () => {
    const full = (await createKey(alice.cookie, "full", { scope: "full" })).key;
    const read = (await createKey(alice.cookie, "read", { scope: "read" })).key;
    // The answer is what the key allows, with or without a cross-site Origin, and whatever cookie rides along.
    expect(
      (await call("/api/keys", { method: "POST", key: full, cookie: alice.cookie, headers: crossSite, json: { name: "by a key" } })).status,
    ).toBe(201);
    expect(
      (await call("/api/keys", { method: "POST", headers: { ...crossSite, "x-api-key": full }, json: { name: "by a key" } })).status,
    ).toBe(201);
    await expectError(
      await call("/api/keys", { method: "POST", key: read, cookie: alice.cookie, headers: crossSite, json: { name: "x" } }),
      403,
      "INSUFFICIENT_SCOPE",
    );
    await expectError(
      await call("/api/me/password", {
        method: "POST",
        key: full,
        headers: crossSite,
        json: { currentPassword: PASSWORD, newPassword: "x".repeat(12) },
      }),
      403,
      "SESSION_REQUIRED",
    );
    expect((await call("/api/me", { key: read, headers: crossSite })).status).toBe(200);
  });

  it("cannot be used to smuggle the cookie past the check with a non-key Authorization scheme", async () => {
    const headers = { ...crossSite, authorization: "Basic YWxpY2U6cGFzc3dvcmQ=" };
    await expectError(await call("/api/keys", { method: "POST", cookie: alice.cookie, headers, json: { name: "forged" } }), 403, "CSRF");
  });
});
