import { beforeAll, describe, expect, it } from "vitest";
import { createKey, createUser, expectError, setupAdmin } from "../helpers";
import { apiKey, clearReceived, gateway, linkedUser, ORIGIN_USERS, received } from "./support";

// What crosses the door besides the request itself: headers each way, redirects, caching.

let admin: { cookie: string; id: number };
let bobRead: string;
beforeAll(async () => {
  admin = await setupAdmin("admin");
  const bob = await linkedUser(admin.cookie, "bob");
  bobRead = (await createKey(bob.cookie, "Kodi")).key;
});

const link = (cookie: string, username: string, password: string, overrides = {}) =>
  gateway("/api/me/origin", { method: "PUT", cookie, json: { username, password } }, overrides);

describe("request headers", () => {
  it("never pass method overrides, URL rewrites or forwarding claims to the origin", async () => {
    const smuggled = {
      "x-http-method-override": "DELETE",
      "x-http-method": "DELETE",
      "x-method-override": "DELETE",
      forwarded: "for=1.2.3.4;host=evil.example;proto=https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "1.2.3.4",
      "x-real-ip": "1.2.3.4",
      "x-original-url": "/api/data/user/delete/7",
      "x-rewrite-url": "/api/data/user/delete/7",
    };
    for (const path of ["/api/data/return_pods/7", "/api/health", "/"]) {
      await clearReceived();
      const response = await gateway(path, { headers: { ...apiKey(bobRead), ...smuggled, accept: "text/html" } });
      expect(response.status, path).toBe(200);
      const [request] = await received();
      for (const name of Object.keys(smuggled)) expect(request!.headers[name], `${name} on ${path}`).toBeUndefined();
      expect(request!.headers.accept).toBe("text/html");
    }
  });
});

describe("answers to key-authenticated requests", () => {
  it("are private, no-store whatever the origin says, and never kept in the edge cache", async () => {
    await clearReceived();
    for (let i = 0; i < 2; i++) {
      const response = await gateway("/api/data/return_pods/7", { headers: apiKey(bobRead) });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.has("x-podkeys-cache")).toBe(false);
    }
    expect(await received()).toHaveLength(2);
  });
});

describe("linking follows no redirect", () => {
  it("a get_key that redirects elsewhere is a 502 ORIGIN_BAD_ANSWER; the password never reaches the other host", async () => {
    const cal = await createUser(admin.cookie, "cal");
    await clearReceived();
    const response = await link(cal.cookie, "bob", ORIGIN_USERS.bob.password, { ORIGIN_URL: "http://redirect.test" });
    await expectError(response, 502, "ORIGIN_BAD_ANSWER");
    expect((await received()).map((r) => `${r.host}${r.path}`)).toEqual(["redirect.test/api/data/get_key"]);
    expect(await (await gateway("/api/me/origin", { cookie: cal.cookie })).json()).toMatchObject({ linked: false });
  });

  it("a get_user that redirects elsewhere is a 502; the Pinepods key never reaches the other host", async () => {
    const dan = await createUser(admin.cookie, "dan");
    await clearReceived();
    const response = await link(dan.cookie, "bob", ORIGIN_USERS.bob.password, { ORIGIN_URL: "http://redirect-user.test" });
    await expectError(response, 502, "ORIGIN_BAD_ANSWER");
    const requests = await received();
    expect(requests.map((r) => r.host)).toEqual(["redirect-user.test", "redirect-user.test"]);
    expect(JSON.stringify(requests)).not.toContain("elsewhere.test");
  });
});

describe("link usernames", () => {
  it("refuses a ':' (400): Basic would split it into another username and a password", async () => {
    const eli = await createUser(admin.cookie, "eli");
    await clearReceived();
    await expectError(await link(eli.cookie, "ann:ann's pinepods", "password"), 400, "VALIDATION_ERROR");
    expect(await received()).toEqual([]);
  });
});
