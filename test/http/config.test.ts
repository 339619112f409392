import { beforeAll, describe, expect, it } from "vitest";
import { config, parseConfig } from "../../src/platform/config";
import { linkedUser } from "../gateway/support";
import { callWith, createKey, env, login, setupAdmin } from "../helpers";
import { capturedLogs } from "../security/log-capture";

// The environment parsed once, from one schema: every variable validated on first use with an error
// that names it, and a bad one fails only the requests that need it.

const base = { DB: {} as D1Database };

describe("config(env)", () => {
  it("parses each variable into its setting, with the defaults", () => {
    expect(parseConfig(base)).toEqual({
      keyPrefix: "podk",
      keyCacheTtlSeconds: 0,
      maxKeysPerUser: 100,
      maxKeyLifetimeDays: null,
      corsOrigins: "*",
      setupToken: undefined,
      vaultKey: undefined,
      vaultKeysPrevious: [],
      requireAdminTwoFactor: false,
      recordKeyUsage: true,
      auditRetentionDays: 365,
      originUrl: undefined,
      originTimeoutMs: 30_000,
      originAccounts: "create",
      notifyAllowedHosts: new Map([["ntfy.sh", { http: false }]]),
      githubScanningKeysUrl: "https://api.github.com/meta/public_keys/secret_scanning",
      gitlabRevocationToken: undefined,
      webSocketRecheckMs: 30_000,
    });
    const settings = config({
      ...base,
      ORIGIN_URL: "https://pods.example/",
      ORIGIN_TIMEOUT_SECONDS: "5",
      CORS_ORIGINS: "https://a.example/, https://b.example",
    });
    expect(settings.originUrl).toBe("https://pods.example");
    expect(settings.originTimeoutMs).toBe(5000);
    expect(settings.corsOrigins).toEqual(new Set(["https://a.example", "https://b.example"]));
  });

  it("names the variable and the rule it breaks, never the value", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ORIGIN_TIMEOUT_SECONDS: "abc" }, "ORIGIN_TIMEOUT_SECONDS must be 1–30 (seconds)"],
      [{ ORIGIN_TIMEOUT_SECONDS: "31" }, "ORIGIN_TIMEOUT_SECONDS must be 1–30 (seconds)"],
      [{ ORIGIN_URL: "ftp://pods.example" }, "ORIGIN_URL must be an http or https URL"],
      [{ KEY_CACHE_TTL_SECONDS: "-1" }, "KEY_CACHE_TTL_SECONDS must be 0–86400"],
      [{ MAX_KEYS_PER_USER: "lots" }, "MAX_KEYS_PER_USER must be a number from 1 to 100000"],
      [{ REQUIRE_ADMIN_TWO_FACTOR: "yes" }, "REQUIRE_ADMIN_TWO_FACTOR must be true or false"],
      [{ AUDIT_RETENTION_DAYS: "0" }, "AUDIT_RETENTION_DAYS must be a number of days"],
    ];
    for (const [vars, message] of cases) {
      expect(() => parseConfig({ ...base, ...vars })).toThrow(message);
      for (const value of Object.values(vars)) {
        try {
          parseConfig({ ...base, ...vars });
        } catch (error) {
          expect((error as Error).message).not.toContain(`"${value}"`);
        }
      }
    }
  });
});

describe("a misconfigured ORIGIN_TIMEOUT_SECONDS", () => {
  let bobKey: string;
  let adminCookie: string;
  beforeAll(async () => {
    adminCookie = (await setupAdmin("admin")).cookie;
    await linkedUser(adminCookie, "bob");
    bobKey = (await createKey(await login("bob"), "Pinepods app", { scope: "full" })).key;
  });
  const broken = { ORIGIN_URL: "http://pinepods.test", ORIGIN_TIMEOUT_SECONDS: "abc" };

  it("answers a request that goes to the origin 503 MISCONFIGURED with Retry-After; the log names the variable", async () => {
    const before = capturedLogs().length;
    const response = await callWith(broken, "/api/data/return_pods/7", { key: bobKey });
    const text = await response.text();
    expect(response.status, text).toBe(503);
    expect(response.headers.get("retry-after")).toBe("300");
    const requestId = response.headers.get("x-request-id");
    expect(JSON.parse(text)).toEqual({ error: { code: "MISCONFIGURED", message: expect.any(String), requestId } });
    expect(text).not.toContain("abc");
    const lines = capturedLogs()
      .slice(before)
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        requestId,
        code: "MISCONFIGURED",
        config: "ORIGIN_TIMEOUT_SECONDS must be 1–30 (seconds)",
      }),
    );
    expect(JSON.stringify(lines)).not.toContain("abc");
  });

  it("leaves the requests that do not need it working: keys, sessions, the key gate", async () => {
    expect((await callWith(broken, "/api/me", { key: bobKey })).status).toBe(200);
    expect((await callWith(broken, "/api/keys", { cookie: adminCookie })).status).toBe(200);
    expect((await callWith(broken, "/api/setup")).status).toBe(200);
  });

  it("and a deployment with a good value forwards as before", async () => {
    expect((await callWith({ ...broken, ORIGIN_TIMEOUT_SECONDS: "30" }, "/api/data/return_pods/7", { key: bobKey })).status).toBe(200);
    expect(env.DB).toBeDefined();
  });
});
