import { beforeAll, describe, expect, it } from "vitest";
import { createKey, expectError, setupAdmin } from "../helpers";
import { APP, clearReceived, gateway, linkedUser, received } from "./support";

// Pinepods' open endpoints at the edge: exactly the handlers that check no key (rust-api/src/handlers),
// each with its own method only, and nothing that needs a key.

const OPEN_GETS = [
  "/api/pinepods_check",
  "/api/health",
  "/api/data/self_service_status",
  "/api/data/public_oidc_providers",
  "/api/data/get_available_languages",
  "/api/data/get_server_default_language",
];
const RESET_CODE = "/api/data/reset_password_create_code";
const RESET = "/api/data/verify_and_reset_password";

let bobFull: string;
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  const bob = await linkedUser(admin.cookie, "bob");
  bobFull = (await createKey(bob.cookie, "Pinepods app", { scope: "full" })).key;
});

describe("open GET endpoints", () => {
  it("reach the origin without a key, with no credential, readable by other origins", async () => {
    for (const path of OPEN_GETS) {
      await clearReceived();
      const response = await gateway(path, { headers: { origin: APP, cookie: "podkeys_session=abc" } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("access-control-allow-origin"), path).toBe("*");
      const [request] = await received();
      expect(request, path).toMatchObject({ method: "GET", path });
      expect(request!.headers["api-key"]).toBeUndefined();
      expect(request!.headers.cookie).toBeUndefined();
    }
    expect(await (await gateway("/api/data/get_available_languages")).json()).toMatchObject({ languages: expect.any(Array) });
  });

  it("answer HEAD too", async () => {
    await clearReceived();
    expect((await gateway("/api/data/get_server_default_language", { method: "HEAD" })).status).toBe(200);
    expect((await received()).map((r) => r.method)).toEqual(["HEAD"]);
  });

  it("refuse every other method with 405 before reading the body: a 50 MB POST never reaches the origin", async () => {
    await clearReceived();
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024);
    const fifty = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await gateway("/api/data/self_service_status", {
      method: "POST",
      body: fifty,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    await expectError(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(pulled).toBeLessThan(1024 * 1024);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      await expectError(await gateway("/api/data/get_available_languages", { method, key: bobFull }), 405, "METHOD_NOT_ALLOWED");
    }
    expect(await received()).toEqual([]);
  });
});

describe("the password reset (open POSTs)", () => {
  it("goes on without a credential, its JSON body intact, and other origins may call it", async () => {
    await clearReceived();
    const response = await gateway(RESET_CODE, {
      method: "POST",
      json: { email: "bob@example.com", username: "bob" },
      headers: { origin: APP, "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const [request] = await received();
    expect(request).toMatchObject({
      method: "POST",
      path: RESET_CODE,
      body: JSON.stringify({ email: "bob@example.com", username: "bob" }),
    });
    expect(request!.headers["api-key"]).toBeUndefined();
  });

  it("refuses a body over 16 KB (413), one that is not JSON (415) and a GET (405), never forwarding them", async () => {
    await clearReceived();
    await expectError(await gateway(RESET, { method: "POST", json: { email: "x".repeat(17 * 1024) } }), 413, "PAYLOAD_TOO_LARGE");
    const form = await gateway(RESET, {
      method: "POST",
      body: "email=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await expectError(form, 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(
      await gateway(RESET, { method: "POST", body: "{", headers: { "content-type": "application/json" } }),
      400,
      "MALFORMED_JSON",
    );
    await expectError(await gateway(RESET_CODE), 405, "METHOD_NOT_ALLOWED");
    expect(await received()).toEqual([]);
  });

  it("counts toward the sign-in limits per username: guessing reset codes gets 429", async () => {
    await clearReceived();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await gateway(RESET, { method: "POST", json: { username: "ann", reset_code: `guess ${i}`, new_password: "x" } })).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(await received()).toHaveLength(10);
  });
});

describe("what stays closed", () => {
  it("create_first, add_login_user and config need a key: 401 at the edge, the origin never asked", async () => {
    await clearReceived();
    for (const path of ["/api/data/create_first", "/api/data/add_login_user"]) {
      await expectError(await gateway(path, { method: "POST", json: { username: "mallory" } }), 401, "UNAUTHENTICATED");
    }
    await expectError(await gateway("/api/data/config"), 401, "UNAUTHENTICATED");
    expect(await received()).toEqual([]);
  });
});
