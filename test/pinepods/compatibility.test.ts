import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, env, expectError, PASSWORD, setupAdmin } from "../helpers";

// What real Pinepods clients (the web frontend, the Flutter app, pinepods-lite) need from Podkeys
// with no Pinepods server behind it (ORIGIN_URL empty, the test configuration's default).

const APP = "https://lite.example";
const apiKey = (key: string) => ({ "api-key": key });
const basic = (username: string, password = PASSWORD) => ({ authorization: `Basic ${btoa(`${username}:${password}`)}` });
const keyCount = async (userId: number) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE user_id = ?").bind(userId).first<{ n: number }>())!.n;

let admin: { cookie: string; id: number };
let pat: { cookie: string; id: number };
let quinn: { cookie: string; id: number };
let patKey: string;
let patReadKey: string;
let adminKey: string;
beforeAll(async () => {
  admin = await setupAdmin("admin");
  pat = await createUser(admin.cookie, "pat");
  quinn = await createUser(admin.cookie, "quinn");
  patKey = (await createKey(pat.cookie, "Pinepods app", { scope: "full" })).key;
  patReadKey = (await createKey(pat.cookie, "Pinepods reader")).key;
  adminKey = (await createKey(admin.cookie, "admin's app", { scope: "full" })).key;
  await createKey(quinn.cookie, "quinn's");
});

describe("GET /api/pinepods_check and /api/data/config", () => {
  it("tell a client, without credentials and from another origin, that it may sign in here", async () => {
    const check = await call("/api/pinepods_check", { headers: { origin: APP } });
    expect(check.status).toBe(200);
    expect(await check.json()).toEqual({ status_code: 200, pinepods_instance: true });
    expect(check.headers.get("access-control-allow-origin")).toBe("*");
    const config = await call("/api/data/config", { headers: { origin: APP } });
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({ api_url: "http://podkeys.test" });
    expect(config.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /api/data/get_key from another origin (CORS)", () => {
  it("answers its preflight, its 200 and its 401 with Access-Control-Allow-Origin, never with credentials", async () => {
    const preflight = await call("/api/data/get_key", {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");

    const ok = await call("/api/data/get_key", { headers: { origin: APP, ...basic("pat") } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    const refused = await call("/api/data/get_key", { headers: { origin: APP, ...basic("pat", "wrong password") } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    for (const response of [preflight, ok, refused]) expect(response.headers.has("access-control-allow-credentials")).toBe(false);
  });

  it("keeps session-cookie answers same-origin", async () => {
    const response = await call("/api/keys", { cookie: pat.cookie, headers: { origin: APP } });
    expect(response.status).toBe(200);
    expect(response.headers.has("access-control-allow-origin")).toBe(false);
  });
});

describe("HEAD /api/data/get_key", () => {
  it("mints nothing, even with the right password", async () => {
    const before = await keyCount(pat.id);
    const response = await call("/api/data/get_key", { method: "HEAD", headers: basic("pat") });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(await keyCount(pat.id)).toBe(before);
  });
});

describe("DELETE /api/data/delete_api_key", () => {
  it("accepts the string ids Pinepods' web client sends", async () => {
    const { key, apiKey: created } = await createKey(pat.cookie, "stringly typed");
    const response = await call("/api/data/delete_api_key", {
      method: "DELETE",
      headers: apiKey(patKey),
      json: { api_id: String(created.id), user_id: String(pat.id) },
    });
    expect(response.status).toBe(200);
    await expectError(await call("/api/data/verify_key", { headers: apiKey(key) }), 401, "INVALID_KEY");
  });

  it("refuses ids that are not positive integers", async () => {
    for (const api_id of ["3a", "-1", "0", "", 1.5, "1e3", null]) {
      await expectError(
        await call("/api/data/delete_api_key", { method: "DELETE", headers: apiKey(patKey), json: { api_id } }),
        400,
        "VALIDATION_ERROR",
      );
    }
  });
});

describe("GET /api/data/get_api_info/{user_id}", () => {
  it("answers that user's keys only, to an admin", async () => {
    const response = await call(`/api/data/get_api_info/${quinn.id}`, { headers: apiKey(adminKey) });
    const { api_info } = await response.json<{ api_info: { userid: number; username: string }[] }>();
    expect(api_info.length).toBeGreaterThan(0);
    expect(api_info.every((i) => i.userid === quinn.id && i.username === "quinn")).toBe(true);
  });

  it("answers 404 for no such user and 403 for another user's id", async () => {
    await expectError(await call("/api/data/get_api_info/99", { headers: apiKey(adminKey) }), 404, "NOT_FOUND");
    await expectError(await call(`/api/data/get_api_info/${quinn.id}`, { headers: apiKey(patReadKey) }), 403, "FORBIDDEN");
  });
});

describe("GET /api/data/user_details_id/{user_id}", () => {
  it("answers your own details in Pinepods' shape", async () => {
    const response = await call(`/api/data/user_details_id/${pat.id}`, { headers: apiKey(patReadKey) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ UserID: pat.id, Fullname: "pat", Username: "pat", Email: "", IsAdmin: false });
  });

  it("refuses another user's id (403), no such user (404) and no key (401)", async () => {
    await expectError(await call(`/api/data/user_details_id/${quinn.id}`, { headers: apiKey(patReadKey) }), 403, "FORBIDDEN");
    await expectError(await call("/api/data/user_details_id/99", { headers: apiKey(adminKey) }), 404, "NOT_FOUND");
    await expectError(await call(`/api/data/user_details_id/${pat.id}`), 401, "UNAUTHENTICATED");
  });
});

describe("without ORIGIN_URL", () => {
  it("answers an /api path Podkeys has no route for with 404, as before", async () => {
    await expectError(await call("/api/data/return_pods/1", { headers: apiKey(patKey) }), 404, "NOT_FOUND");
  });
});
