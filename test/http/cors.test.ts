import { beforeAll, describe, expect, it } from "vitest";
import { call, callWith, createKey, expectError, setupAdmin } from "../helpers";

const DASHBOARD = "https://dashboard.example";

let admin: { cookie: string; id: number };
let readKey: string;
let fullKey: string;
beforeAll(async () => {
  admin = await setupAdmin();
  readKey = (await createKey(admin.cookie, "dashboard widget")).key;
  fullKey = (await createKey(admin.cookie, "dashboard admin", { scope: "full" })).key;
});

/** The deployed Worker's own fetch, with CORS_ORIGINS set as a deployment would. */
function withOrigins(origins: string, path: string, init: RequestInit) {
  return callWith({ CORS_ORIGINS: origins }, path, init);
}

function preflight(method: string, origin = DASHBOARD) {
  return {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization, content-type" },
  };
}

describe("CORS preflight", () => {
  it("answers 204 with the methods, the key headers and a max-age, and never allows credentials", async () => {
    const response = await call("/api/keys", preflight("POST"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, HEAD, POST, PUT, PATCH, DELETE");
    const allowed = response.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "x-api-key", "api-key", "content-type"]));
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses an origin outside CORS_ORIGINS", async () => {
    const refused = await withOrigins("https://allowed.example", "/api/me", preflight("GET"));
    await expectError(refused, 403, "ORIGIN_NOT_ALLOWED");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await withOrigins(
      "https://allowed.example, https://other.example/",
      "/api/me",
      preflight("GET", "https://other.example"),
    );
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://other.example");
    expect(allowed.headers.get("vary")).toMatch(/Origin/);
  });
});

describe("key-authenticated calls from another origin", () => {
  it("carry Access-Control-Allow-Origin, through the key gate and through the router", async () => {
    for (const path of ["/api/me", "/api/keys", "/api/data/verify_key"]) {
      const response = await call(path, { headers: { origin: DASHBOARD, "api-key": readKey } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(response.headers.get("access-control-allow-credentials"), path).toBeNull();
    }
  });

  it("let the app read why a key was refused", async () => {
    const response = await call("/api/me", { headers: { origin: DASHBOARD, authorization: "Bearer podk_not_a_key" } });
    await expectError(response.clone(), 401, "INVALID_KEY");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("may write with a full key: no cookie is involved, so the CSRF guard does not apply", async () => {
    const response = await call("/api/keys", {
      method: "POST",
      key: fullKey,
      headers: { origin: DASHBOARD },
      json: { name: "from the dashboard" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("echo an allowed origin from a CORS_ORIGINS list, and say nothing to others", async () => {
    const allowed = await withOrigins(DASHBOARD, "/api/me", { headers: { origin: DASHBOARD, "api-key": readKey } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    const other = await withOrigins(DASHBOARD, "/api/keys", { headers: { origin: "https://evil.example", "api-key": readKey } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("session-cookie calls from another origin", () => {
  it("get no CORS header, so no other origin's script can read them", async () => {
    const response = await call("/api/keys", { cookie: admin.cookie, headers: { origin: DASHBOARD } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("are refused when they change anything", async () => {
    const response = await call("/api/keys", {
      method: "POST",
      cookie: admin.cookie,
      headers: { origin: DASHBOARD },
      json: { name: "forged" },
    });
    await expectError(response.clone(), 403, "CSRF");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
