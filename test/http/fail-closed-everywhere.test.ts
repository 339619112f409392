import { beforeAll, describe, expect, it } from "vitest";
import { DEPENDENCY_RETRY_AFTER_SECONDS } from "../../src/lib/errors";
import { failingD1 } from "../failing-d1";
import { gateway, linkedUser } from "../gateway/support";
import { type CallInit, callWith, createKey, env, login, PASSWORD, rows, setupAdmin } from "../helpers";
import { capturedLogs } from "../security/log-capture";

// D1 failing on any path, not only the key lookup (test/keys/fail-closed.test.ts): each answer is a 503
// SERVICE_UNAVAILABLE with Retry-After in the one error shape, with nothing of the failure in it, and
// the log line names the failure's kind only.

const ORIGIN_URL = "http://pinepods.test";
let admin: { cookie: string; id: number };
let bobKey: string;
beforeAll(async () => {
  admin = await setupAdmin("admin");
  await linkedUser(admin.cookie, "bob");
  bobKey = (await createKey(await login("bob"), "Pinepods app", { scope: "full" })).key;
});

const basicBob = { authorization: `Basic ${btoa(`bob:${PASSWORD}`)}` };

async function expectUnavailable(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBe(503);
  expect(response.headers.get("retry-after")).toBe(String(DEPENDENCY_RETRY_AFTER_SECONDS));
  const requestId = response.headers.get("x-request-id");
  expect(JSON.parse(text)).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("Try again"), requestId } });
  for (const leak of ["SELECT", "select", "INSERT", "D1_ERROR", "injected", "    at ", bobKey]) expect(text).not.toContain(leak);
  return requestId;
}

/** [what, the SQL that fails, the request, the gateway on?] */
const PATHS: Array<[string, RegExp, string, () => CallInit, boolean]> = [
  ["a session-cookie request", /FROM sessions/i, "/api/keys", () => ({ cookie: admin.cookie }), false],
  ["sign-in", /from "users"/i, "/api/auth/login", () => ({ method: "POST", json: { username: "admin", password: PASSWORD } }), false],
  ["GET /api/setup", /\busers\b/i, "/api/setup", () => ({}), false],
  ["a gateway request needing the link", /origin_links/i, "/api/data/return_pods/7", () => ({ key: bobKey }), true],
  ["get_key needing the link", /origin_links/i, "/api/data/get_key", () => ({ headers: basicBob }), true],
  ["get_key's mint", /INSERT INTO api_keys/i, "/api/data/get_key", () => ({ headers: basicBob }), false],
];

describe("D1 failing on any path", () => {
  for (const [what, failing, path, init, gatewayOn] of PATHS) {
    it(`${what}: 503 SERVICE_UNAVAILABLE with Retry-After, requestId in the body, no SQL in the answer or the log`, async () => {
      const before = capturedLogs().length;
      const response = await callWith({ DB: failingD1(env.DB, failing), ...(gatewayOn ? { ORIGIN_URL } : {}) }, path, init());
      const requestId = await expectUnavailable(response);
      const lines = capturedLogs().slice(before);
      expect(lines.map((line) => JSON.parse(line))).toContainEqual(
        expect.objectContaining({ level: "error", requestId, code: "SERVICE_UNAVAILABLE", error: expect.any(String) }),
      );
      expect(lines.join("\n")).not.toMatch(/SELECT|select|INSERT|D1_ERROR|injected|Uncaught/);
    });
  }

  it("get_key leaves no key behind when it cannot answer with it", async () => {
    const count = async () => (await rows<{ n: number }>("SELECT count(*) AS n FROM api_keys"))[0]!.n;
    const keys = await count();
    for (const [failing, gatewayOn] of [
      [/origin_links/i, true],
      [/INSERT INTO audit_events/i, false],
    ] as const) {
      const response = await callWith({ DB: failingD1(env.DB, failing), ...(gatewayOn ? { ORIGIN_URL } : {}) }, "/api/data/get_key", {
        headers: basicBob,
      });
      await expectUnavailable(response);
      expect(await count()).toBe(keys);
    }
    // And once D1 is back, the same sign-in works.
    expect((await gateway("/api/data/get_key", { headers: basicBob })).status).toBe(200);
  });
});

describe("writes after the answer", () => {
  it("a failed sign-in's audit write that fails is one log line in the log format, not an uncaught error", async () => {
    const before = capturedLogs().length;
    // callWith waits for the request's waitUntil work: a rejected one would fail here.
    const response = await callWith({ DB: failingD1(env.DB, /INSERT INTO audit_events/i) }, "/api/auth/login", {
      method: "POST",
      json: { username: "admin", password: "wrong password, long enough" },
    });
    expect(response.status).toBe(401);
    const lines = capturedLogs()
      .slice(before)
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual({
      level: "error",
      event: "after_response_failed",
      task: "audit auth.login_failed",
      error: expect.any(String),
    });
    expect(JSON.stringify(lines)).not.toMatch(/INSERT|D1_ERROR|injected/);
  });
});

describe("requestId in every error body", () => {
  it("equals X-Request-Id, on a 404, a 401 from the key gate and a validation error", async () => {
    for (const [path, init] of [
      ["/api/nothing-here", {}],
      ["/api/me", { key: "podk_not-a-key" }],
      ["/api/auth/login", { method: "POST", json: { username: "" } }],
    ] as const) {
      const response = await callWith({}, path, init as CallInit);
      const body = await response.json<{ error: { requestId: string } }>();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
      expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
