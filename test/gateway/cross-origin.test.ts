import { beforeAll, describe, expect, it } from "vitest";
import { createKey, enableTwoFactor, setupAdmin, totpCode } from "../helpers";
import { APP, apiKey, basic, clearReceived, gateway, linkedUser, ORIGIN_USERS, received } from "./support";

// Browser apps on other sites (pinepods-lite, a dashboard): everything Pinepods' clients send, with
// keys only — never a cookie, never Access-Control-Allow-Credentials.

const crossSite = { origin: APP, "sec-fetch-site": "cross-site" };
let bobFull: string;
let secret: string;
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  const bob = await linkedUser(admin.cookie, "bob");
  bobFull = (await createKey(bob.cookie, "pinepods-lite", { scope: "full" })).key;
  ({ secret } = await enableTwoFactor(bob.cookie));
});

describe("the preflight", () => {
  it("allows every method Pinepods uses and its request headers, never credentials", async () => {
    const response = await gateway("/api/data/increment_listen_time/7", {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "PUT", "access-control-request-headers": "api-key, content-type, range" },
    });
    expect(response.status).toBe(204);
    const methods = response.headers.get("access-control-allow-methods")!.split(/,\s*/);
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]) expect(methods).toContain(method);
    const headers = response.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/);
    for (const header of ["api-key", "authorization", "x-api-key", "content-type", "range"]) expect(headers).toContain(header);
    expect(response.headers.has("access-control-allow-credentials")).toBe(false);
  });
});

describe("Pinepods' PUT endpoints from another origin", () => {
  it("listen time and settings reach the origin with bob's origin key, and the page may read the answer", async () => {
    await clearReceived();
    const listen = await gateway("/api/data/increment_listen_time/7", { method: "PUT", headers: { ...apiKey(bobFull), ...crossSite } });
    expect(listen.status).toBe(200);
    expect(listen.headers.get("access-control-allow-origin")).toBe("*");
    const theme = await gateway("/api/data/user/set_theme", {
      method: "PUT",
      headers: { ...apiKey(bobFull), ...crossSite },
      json: { user_id: 7, new_theme: "Nordic" },
    });
    expect(theme.status).toBe(200);
    expect(theme.headers.has("access-control-allow-credentials")).toBe(false);
    const requests = await received();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["PUT /api/data/increment_listen_time/7", "PUT /api/data/user/set_theme"]);
    for (const request of requests) expect(request.headers["api-key"]).toBe(ORIGIN_USERS.bob.key);
  });
});

describe("two-factor sign-in from another origin", () => {
  it("get_key then verify_mfa_and_get_key answer 200 with CORS, and the key works", async () => {
    const start = await gateway("/api/data/get_key", { headers: { ...basic("bob"), ...crossSite } });
    expect(start.status).toBe(200);
    expect(start.headers.get("access-control-allow-origin")).toBe("*");
    const { mfa_session_token } = await start.json<{ mfa_session_token: string }>();
    const finish = await gateway("/api/data/verify_mfa_and_get_key", {
      method: "POST",
      headers: crossSite,
      json: { mfa_session_token, mfa_code: await totpCode(secret, 1) },
    });
    expect(finish.status).toBe(200);
    expect(finish.headers.get("access-control-allow-origin")).toBe("*");
    expect(finish.headers.has("access-control-allow-credentials")).toBe(false);
    const { status, retrieved_key } = await finish.json<{ status: string; retrieved_key: string }>();
    expect(status).toBe("success");
    expect((await gateway("/api/data/get_user", { headers: { ...apiKey(retrieved_key), ...crossSite } })).status).toBe(200);
  });
});
