import { beforeAll, describe, expect, it } from "vitest";
import { KEY_CHECK_RETRY_AFTER_SECONDS } from "../../src/services/keys/verify-key";
import { failingD1 } from "../failing-d1";
import { type CallInit, call, callWith, createKey, env, setupAdmin } from "../helpers";
import { capturedLogs } from "../security/log-capture";

/** D1 with the key lookup failing, as when the api_keys table is unavailable. */
const withoutKeys = () => ({ DB: failingD1(env.DB, /FROM api_keys/i) });

let key: string;
beforeAll(async () => {
  const admin = await setupAdmin();
  key = (await createKey(admin.cookie, "Home Assistant", { scope: "full" })).key;
});

/** Every way a key is checked: the key gate, requireAuth (app and Pinepods routes), and POST /api/keys/verify. */
const KEY_CHECKS: Array<[string, string, () => CallInit]> = [
  ["GET /api/me (the key gate)", "/api/me", () => ({ key })],
  ["GET /api/keys (requireAuth)", "/api/keys", () => ({ headers: { "x-api-key": key } })],
  ["GET /api/data/verify_key (Pinepods)", "/api/data/verify_key", () => ({ headers: { "api-key": key } })],
  ["POST /api/keys/verify", "/api/keys/verify", () => ({ method: "POST", json: { key } })],
];

describe("a key check while D1 fails", () => {
  for (const [name, path, init] of KEY_CHECKS) {
    it(`${name}: answers 503 SERVICE_UNAVAILABLE with Retry-After, never valid, never the key, SQL or a stack`, async () => {
      const before = capturedLogs().length;
      const response = await callWith(withoutKeys(), path, init());
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe(String(KEY_CHECK_RETRY_AFTER_SECONDS));
      const requestId = response.headers.get("x-request-id");
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("Try again"), requestId },
      });
      for (const leak of [key, "valid", "api_keys", "SELECT", "D1_ERROR", "    at "]) expect(text).not.toContain(leak);

      // One error line naming the failure's kind, and the request's own line; the driver's message in neither.
      const lines = capturedLogs().slice(before);
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        { level: "error", requestId, code: "SERVICE_UNAVAILABLE", error: "Error", message: expect.any(String) },
        expect.objectContaining({ level: "error", requestId, status: 503 }),
      ]);
      expect(lines.join("\n")).not.toMatch(/api_keys|SELECT|D1_ERROR/);
    });
  }

  it("lets the same key work again once D1 is back", async () => {
    expect((await callWith(withoutKeys(), "/api/me", { key })).status).toBe(503);
    expect((await call("/api/me", { key })).status).toBe(200);
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key } })).json()).toMatchObject({ valid: true });
  });

  it("still refuses a malformed key with 401 without asking D1", async () => {
    const response = await callWith(withoutKeys(), "/api/me", { key: `${key.slice(0, -1)}!` });
    expect(response.status).toBe(401);
  });
});
