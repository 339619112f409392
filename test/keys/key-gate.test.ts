import { beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "../../src/identity/key-format";
import { MeSchema } from "../../src/routes/me/me.schemas";
import { countingD1 } from "../counting-d1";
import { call, callWith, createKey, env, expectError, setupAdmin } from "../helpers";

/** The Worker on a counting D1: how many queries a GET /api/me with this key costs. */
async function gateQueries(key: string) {
  const counter = countingD1(env.DB);
  const response = await callWith({ DB: counter.db }, "/api/me", { key });
  return { status: response.status, selects: counter.queries.filter((sql) => /^\s*SELECT/.test(sql)).length };
}

let admin: { cookie: string; id: number };
let created: Awaited<ReturnType<typeof createKey>>;
beforeAll(async () => {
  admin = await setupAdmin();
  created = await createKey(admin.cookie, "Kodi");
});

describe("GET /api/me with an API key", () => {
  it("answers the key's owner, in the documented shape, never cached by proxies", async () => {
    const response = await call("/api/me", { key: created.key });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = MeSchema.parse(await response.json());
    expect(body).toEqual({
      user: { id: admin.id, username: "admin", role: "admin" },
      via: "apiKey",
      key: { id: created.apiKey.id, name: "Kodi", scope: "read" },
    });
  });

  it("reads the key from X-API-Key and Api-Key too", async () => {
    for (const header of ["x-api-key", "api-key"]) {
      const response = await call("/api/me", { headers: { [header]: created.key } });
      expect(response.status).toBe(200);
    }
  });

  it("prefers a presented key over a session cookie", async () => {
    const response = await call("/api/me", { key: created.key, cookie: admin.cookie });
    expect(await response.json()).toMatchObject({ via: "apiKey" });
  });

  it("still serves a session without a key", async () => {
    const response = await call("/api/me", { cookie: admin.cookie });
    expect(await response.json()).toMatchObject({ via: "session" });
  });

  it("costs one D1 query for a valid key", async () => {
    expect(await gateQueries(created.key)).toEqual({ status: 200, selects: 1 });
  });
});

describe("GET /api/me with a bad API key", () => {
  it("refuses a malformed key with 401 in the error shape, without querying D1", async () => {
    for (const key of ["podk_nope", `${created.key.slice(0, -1)}${created.key.endsWith("0") ? "1" : "0"}`]) {
      const response = await call("/api/me", { key });
      await expectError(response, 401, "INVALID_KEY");
      expect(await gateQueries(key)).toEqual({ status: 401, selects: 0 });
    }
  });

  it("refuses a well-formed unknown key with one D1 query", async () => {
    const key = generateKey("podk");
    await expectError(await call("/api/me", { key }), 401, "INVALID_KEY");
    expect(await gateQueries(key)).toEqual({ status: 401, selects: 1 });
  });

  it("does not fall back to the session cookie when the key is bad", async () => {
    await expectError(await call("/api/me", { key: generateKey("podk"), cookie: admin.cookie }), 401, "INVALID_KEY");
  });

  it("refuses an unreadable Authorization header", async () => {
    const response = await call("/api/me", { headers: { authorization: "Bearer two words" } });
    await expectError(response, 401, "INVALID_KEY");
  });

  it("refuses an oversized key header before any work", async () => {
    await expectError(await call("/api/me", { headers: { "x-api-key": "k".repeat(5000) } }), 400, "BAD_REQUEST");
  });

  it("refuses a write made with a read-scope key, even a valid one", async () => {
    const response = await call("/api/keys", { method: "POST", key: created.key, json: { name: "nope" } });
    await expectError(response, 403, "INSUFFICIENT_SCOPE");
  });
});
