import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, type ListedKey, PASSWORD, setupAdmin } from "../helpers";

let admin: { cookie: string; id: number };
let pat: { cookie: string; id: number };
let quinn: { cookie: string; id: number };
let patKey: string;
let patReadKey: string;
beforeAll(async () => {
  admin = await setupAdmin("admin");
  pat = await createUser(admin.cookie, "pat");
  quinn = await createUser(admin.cookie, "quinn");
  patKey = (await createKey(pat.cookie, "Pinepods app", { scope: "full" })).key;
  patReadKey = (await createKey(pat.cookie, "Pinepods reader")).key;
});

const apiKey = (key: string) => ({ "api-key": key });
const basic = (username: string, password: string) => ({ authorization: `Basic ${btoa(`${username}:${password}`)}` });

describe("GET /api/data/verify_key", () => {
  it("answers success for a valid key and 401 for anything else", async () => {
    const response = await call("/api/data/verify_key", { headers: apiKey(patKey) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "success" });
    await expectError(await call("/api/data/verify_key", { headers: apiKey("podk_made_up") }), 401, "INVALID_KEY");
    await expectError(await call("/api/data/verify_key"), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/data/get_user", () => {
  it("returns the key owner's id", async () => {
    const response = await call("/api/data/get_user", { headers: apiKey(patKey) });
    expect(await response.json()).toEqual({ status: "success", retrieved_id: pat.id });
  });
});

describe("GET /api/data/get_key", () => {
  it("mints a new full-scope key named after the client, visible in the list", async () => {
    const response = await call("/api/data/get_key", { headers: { ...basic("pat", PASSWORD), "user-agent": "PinepodsMobile/0.8" } });
    expect(response.status).toBe(200);
    const body = await response.json<{
      status: string;
      retrieved_key: string;
      user_id: number;
      mfa_required: boolean;
      mfa_session_token: null;
    }>();
    expect(body).toMatchObject({ status: "success", user_id: pat.id, mfa_required: false, mfa_session_token: null });
    expect(body.retrieved_key).toMatch(/^podk_[0-9A-Za-z]{49}$/);
    expect(await (await call("/api/me", { key: body.retrieved_key })).json()).toMatchObject({
      key: { name: "Sign-in from PinepodsMobile/0.8", scope: "full" },
    });
    const { keys } = await (await call("/api/keys", { cookie: pat.cookie })).json<{ keys: ListedKey[] }>();
    expect(keys.some((k) => k.name === "Sign-in from PinepodsMobile/0.8")).toBe(true);
  });

  it("answers 401 for wrong or malformed credentials", async () => {
    await expectError(await call("/api/data/get_key", { headers: basic("pat", "wrong password") }), 401, "INVALID_CREDENTIALS");
    await expectError(await call("/api/data/get_key", { headers: basic("nobody", PASSWORD) }), 401, "INVALID_CREDENTIALS");
    await expectError(await call("/api/data/get_key", { headers: { authorization: "Basic !!!" } }), 401, "INVALID_CREDENTIALS");
    await expectError(
      await call("/api/data/get_key", { headers: { authorization: `Basic ${btoa("no-colon")}` } }),
      401,
      "INVALID_CREDENTIALS",
    );
    await expectError(await call("/api/data/get_key"), 401, "INVALID_CREDENTIALS");
  });
});

describe("GET /api/data/get_api_info/{user_id}", () => {
  it("lists your own keys in Pinepods' shape, never the key itself", async () => {
    const response = await call(`/api/data/get_api_info/${pat.id}`, { headers: apiKey(patReadKey) });
    expect(response.status).toBe(200);
    const text = await response.text();
    const { api_info } = JSON.parse(text) as { api_info: Record<string, unknown>[] };
    expect(api_info.length).toBeGreaterThanOrEqual(2);
    for (const info of api_info) {
      expect(Object.keys(info).sort()).toEqual(["apikeyid", "created", "lastfourdigits", "podcastids", "userid", "username"]);
      expect(info).toMatchObject({ userid: pat.id, username: "pat", podcastids: [] });
    }
    expect(api_info.map((i) => i.lastfourdigits)).toContain(patKey.slice(-4));
    expect(text).not.toContain(patKey);
  });

  it("shows an admin's full-scope key the keys of the user asked for, and refuses another user's id to a standard user", async () => {
    await createKey(quinn.cookie, "quinn's");
    const adminKey = (await createKey(admin.cookie, "admin's Pinepods sign-in", { scope: "full" })).key;
    const forQuinn = await (await call(`/api/data/get_api_info/${quinn.id}`, { headers: apiKey(adminKey) })).json<{
      api_info: { username: string }[];
    }>();
    expect(new Set(forQuinn.api_info.map((i) => i.username))).toEqual(new Set(["quinn"]));
    const forAdmin = await (await call(`/api/data/get_api_info/${admin.id}`, { headers: apiKey(adminKey) })).json<{
      api_info: { username: string }[];
    }>();
    expect(new Set(forAdmin.api_info.map((i) => i.username))).toEqual(new Set(["admin"]));
    await expectError(await call(`/api/data/get_api_info/${quinn.id}`, { headers: apiKey(patKey) }), 403, "FORBIDDEN");
  });
});

describe("POST /api/data/create_api_key", () => {
  it("creates a working key for yourself", async () => {
    const response = await call("/api/data/create_api_key", {
      method: "POST",
      headers: apiKey(patKey),
      json: { user_id: pat.id, rssonly: false },
    });
    expect(response.status).toBe(200);
    const { api_key } = await response.json<{ api_key: string }>();
    expect(await (await call("/api/data/get_user", { headers: apiKey(api_key) })).json()).toEqual({
      status: "success",
      retrieved_id: pat.id,
    });
  });

  it("refuses another user's id with 403, RSS-only keys with 400, and a read key with 403", async () => {
    await expectError(
      await call("/api/data/create_api_key", { method: "POST", headers: apiKey(patKey), json: { user_id: quinn.id, rssonly: false } }),
      403,
      "FORBIDDEN",
    );
    const rss = await expectError(
      await call("/api/data/create_api_key", { method: "POST", headers: apiKey(patKey), json: { user_id: pat.id, rssonly: true } }),
      400,
      "BAD_REQUEST",
    );
    expect(rss.message).toMatch(/RSS/);
    await expectError(
      await call("/api/data/create_api_key", { method: "POST", headers: apiKey(patReadKey), json: { user_id: pat.id, rssonly: false } }),
      403,
      "INSUFFICIENT_SCOPE",
    );
  });
});

describe("DELETE /api/data/delete_api_key", () => {
  it("deletes your key, which is refused at once", async () => {
    const { key, apiKey: created } = await createKey(pat.cookie, "to go");
    const response = await call("/api/data/delete_api_key", { method: "DELETE", headers: apiKey(patKey), json: { api_id: created.id } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ detail: "API key deleted." });
    await expectError(await call("/api/data/verify_key", { headers: apiKey(key) }), 401, "INVALID_KEY");
  });

  it("answers 404 for another user's key and leaves it working", async () => {
    const { key, apiKey: quinns } = await createKey(quinn.cookie, "not pat's");
    await expectError(
      await call("/api/data/delete_api_key", { method: "DELETE", headers: apiKey(patKey), json: { api_id: quinns.id } }),
      404,
      "NOT_FOUND",
    );
    expect((await call("/api/data/verify_key", { headers: apiKey(key) })).status).toBe(200);
  });
});

describe("the OpenAPI document", () => {
  it("documents the Pinepods endpoints under their own tag", async () => {
    const doc = await (await call("/api/openapi.json")).json<{ paths: Record<string, Record<string, { tags: string[] }>> }>();
    for (const path of [
      "/api/data/verify_key",
      "/api/data/get_user",
      "/api/data/get_key",
      "/api/data/get_api_info/{user_id}",
      "/api/data/create_api_key",
      "/api/data/delete_api_key",
    ]) {
      const operations = Object.values(doc.paths[path] ?? {});
      expect(operations.length, path).toBe(1);
      expect(operations[0]!.tags).toEqual(["Pinepods compatibility"]);
    }
  });
});
