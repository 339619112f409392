import { beforeAll, describe, expect, it } from "vitest";
import { createKey, createUser, expectError, ORIGIN, setupAdmin } from "../helpers";
import { capturedLogs } from "../security/log-capture";
import { APP, apiKey, basic, clearReceived, EPISODE, gateway, linkedUser, ORIGIN_USERS, received } from "./support";

// Pinepods clients through the edge: the sign-in sequence, scopes, streams, CORS and revocation,
// each proven on both sides — what the client got, and what the stand-in origin received.

let admin: { cookie: string; id: number };
let bob: { cookie: string; id: number };
let bobFull: string;
let bobRead: string;
beforeAll(async () => {
  admin = await setupAdmin("admin");
  bob = await linkedUser(admin.cookie, "bob");
  bobFull = (await createKey(bob.cookie, "Pinepods app", { scope: "full" })).key;
  bobRead = (await createKey(bob.cookie, "Kodi")).key;
});

/** Every forwarded request carried bob's own origin key and no Podkeys key anywhere. */
function expectOnlyOriginKey(requests: Awaited<ReturnType<typeof received>>) {
  for (const request of requests) {
    expect(request.headers["api-key"], request.path).toBe(ORIGIN_USERS.bob.key);
    expect(JSON.stringify(request)).not.toMatch(/podk_/);
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  }
}

describe("open endpoints", () => {
  it("pinepods_check and health reach the origin without any credential; config needs a key and gets the origin key", async () => {
    await clearReceived();
    const check = await gateway("/api/pinepods_check", { headers: { origin: APP } });
    expect(await check.json()).toEqual({ status_code: 200, pinepods_instance: true });
    expect(check.headers.get("access-control-allow-origin")).toBe("*");
    expect((await gateway("/api/health")).status).toBe(200);
    await expectError(await gateway("/api/data/config"), 401, "UNAUTHENTICATED");
    expect(await (await gateway("/api/data/config", { key: bobFull })).json()).toMatchObject({ api_url: ORIGIN });
    const requests = await received();
    expect(requests.map((r) => r.path)).toEqual(["/api/pinepods_check", "/api/health", "/api/data/config"]);
    for (const request of requests.slice(0, 2)) {
      expect(request.headers["api-key"]).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
    expect(requests[2]!.headers["api-key"]).toBe(ORIGIN_USERS.bob.key);
  });
});

describe("the Pinepods sign-in sequence through the edge", () => {
  it("pinepods_check → get_key → verify_key, get_user, user_details_id, config, return_pods", async () => {
    await clearReceived();
    expect((await gateway("/api/pinepods_check")).status).toBe(200);
    const signIn = await gateway("/api/data/get_key", { headers: basic("bob") });
    const { retrieved_key, user_id } = await signIn.json<{ retrieved_key: string; user_id: number }>();
    expect(user_id).toBe(ORIGIN_USERS.bob.id);
    expect(retrieved_key).toMatch(/^podk_/);
    const headers = apiKey(retrieved_key);
    expect(await (await gateway("/api/data/verify_key", { headers })).json()).toEqual({ status: "success" });
    expect(await (await gateway("/api/data/get_user", { headers })).json()).toEqual({ status: "success", retrieved_id: 7 });
    expect(await (await gateway("/api/data/user_details_id/7", { headers })).json()).toMatchObject({ UserID: 7, Username: "bob" });
    expect((await gateway("/api/data/config", { headers })).status).toBe(200);
    const pods = await gateway("/api/data/return_pods/7", { headers });
    expect(pods.status).toBe(200);
    expect(await pods.json()).toMatchObject({ pods: expect.arrayContaining([expect.objectContaining({ podcastname: "bob's show" })]) });

    const requests = await received();
    // get_key, verify_key and get_user are Podkeys' own: answered at the edge, the origin never asked.
    expect(requests.map((r) => r.path)).toEqual([
      "/api/pinepods_check",
      "/api/data/user_details_id/7",
      "/api/data/config",
      "/api/data/return_pods/7",
    ]);
    expectOnlyOriginKey(requests.filter((r) => r.path !== "/api/pinepods_check" && r.path !== "/api/data/config"));
  });

  it("answers the origin user id in get_api_info and accepts it there and in create_api_key", async () => {
    const info = await (await gateway("/api/data/get_api_info/7", { headers: apiKey(bobFull) })).json<{ api_info: { userid: number }[] }>();
    expect(info.api_info.length).toBeGreaterThan(0);
    expect(info.api_info.every((i) => i.userid === 7)).toBe(true);
    const created = await gateway("/api/data/create_api_key", {
      method: "POST",
      headers: apiKey(bobFull),
      json: { user_id: 7, rssonly: false },
    });
    expect(created.status).toBe(200);
    await expectError(await gateway(`/api/data/get_api_info/${bob.id}`, { headers: apiKey(bobFull) }), 404, "NOT_FOUND");
  });
});

describe("keys checked at the edge", () => {
  it("answers 401 to a missing, malformed, unknown or disabled key, and the origin never sees the request", async () => {
    const { key: disabled, apiKey: row } = await createKey(bob.cookie, "disabled");
    await gateway(`/api/keys/${row.id}`, { method: "PATCH", cookie: bob.cookie, json: { enabled: false } });
    await clearReceived();
    await expectError(await gateway("/api/data/return_pods/7"), 401, "UNAUTHENTICATED");
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey("podk_not_a_key") }), 401, "INVALID_KEY");
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(`podk_${"A".repeat(49)}`) }), 401, "INVALID_KEY");
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(disabled) }), 401, "KEY_DISABLED");
    await expectError(await gateway("/api/data/return_pods/7", { cookie: bob.cookie }), 401, "UNAUTHENTICATED");
    expect(await received()).toEqual([]);
  });

  it("refuses a deleted key at once (delete_api_key with string ids), never forwarding it", async () => {
    const { key, apiKey: row } = await createKey(bob.cookie, "to delete");
    expect((await gateway("/api/data/return_pods/7", { headers: apiKey(key) })).status).toBe(200);
    const deleted = await gateway("/api/data/delete_api_key", {
      method: "DELETE",
      headers: apiKey(bobFull),
      json: { api_id: String(row.id), user_id: "7" },
    });
    expect(deleted.status).toBe(200);
    await clearReceived();
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(key) }), 401, "INVALID_KEY");
    expect(await received()).toEqual([]);
  });

  it("answers 409 ORIGIN_NOT_LINKED to a valid key whose owner has no link, without contacting the origin", async () => {
    const cy = await createUser(admin.cookie, "cy");
    const { key } = await createKey(cy.cookie, "unlinked");
    await clearReceived();
    await expectError(await gateway("/api/data/return_pods/1", { headers: apiKey(key) }), 409, "ORIGIN_NOT_LINKED");
    expect(await received()).toEqual([]);
  });
});

describe("scopes", () => {
  it("a read key's POST is 403 and never reaches the origin", async () => {
    await clearReceived();
    await expectError(
      await gateway("/api/data/add_podcast", { method: "POST", headers: apiKey(bobRead), json: { podcast_values: {} } }),
      403,
      "INSUFFICIENT_SCOPE",
    );
    expect(await received()).toEqual([]);
    expect((await gateway("/api/data/return_pods/7", { headers: apiKey(bobRead) })).status).toBe(200);
  });

  it("a full key's POST arrives with its body intact, larger than Podkeys' own 16 KB limit and of any type", async () => {
    const body = JSON.stringify({ podcast_values: { pod_title: "x".repeat(40_000), user_id: 7 }, note: "ünïcødé ✓" });
    await clearReceived();
    const response = await gateway("/api/data/add_podcast", {
      method: "POST",
      headers: { ...apiKey(bobFull), "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(200);
    const [request] = await received();
    expect(request!.body).toBe(body);
    expectOnlyOriginKey([request!]);
    const text = await gateway("/api/data/add_podcast", {
      method: "POST",
      headers: { ...apiKey(bobFull), "content-type": "text/x-opml" },
      body: "<opml/>",
    });
    expect(text.status).toBe(200);
  });
});

describe("stream URLs", () => {
  it("accept the key as api_key, replace it by the origin key, and return the origin's bytes", async () => {
    await clearReceived();
    const response = await gateway(`/api/data/stream/12?api_key=${bobRead}&user_id=7`);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(EPISODE);
    const [request] = await received();
    expect(request!.query).toBe(`?user_id=7&api_key=${ORIGIN_USERS.bob.key}`);
    expectOnlyOriginKey([request!]);
  });

  it("pass Range through: bytes=1000-1999 gives 206 with those bytes", async () => {
    const response = await gateway(`/api/data/stream/12?api_key=${bobRead}&user_id=7`, { headers: { range: "bytes=1000-1999" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 1000-1999/${EPISODE.length}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(EPISODE.slice(1000, 2000));
  });

  it("refuse a bad query key (401), and a query key on any other path (401, not forwarded)", async () => {
    await clearReceived();
    await expectError(await gateway("/api/data/stream/12?api_key=podk_nope"), 401, "INVALID_KEY");
    await expectError(await gateway(`/api/data/return_pods/7?api_key=${bobRead}`), 401, "UNAUTHENTICATED");
    await expectError(await gateway(`/api/me?api_key=${bobRead}`), 401, "UNAUTHENTICATED");
    await expectError(await gateway(`/api/data/stream/..%2Freturn_pods%2F7?api_key=${bobRead}`), 401, "UNAUTHENTICATED");
    expect(await received()).toEqual([]);
  });

  it("never log the query string", async () => {
    const before = capturedLogs().length;
    await gateway(`/api/data/stream/13?api_key=${bobRead}&user_id=7`);
    const lines = capturedLogs().slice(before);
    expect(lines.some((line) => line.includes('"/api/data/stream/13"'))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/api_key|user_id=|\?/);
  });
});

describe("answers from the origin", () => {
  it("carry CORS for other origins on key calls, never Allow-Credentials, never the origin's Set-Cookie or hop-by-hop headers", async () => {
    const response = await gateway("/api/data/return_pods/7", { headers: { ...apiKey(bobRead), origin: APP } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.has("access-control-allow-credentials")).toBe(false);
    expect(response.headers.has("set-cookie")).toBe(false);
    const cookieOnly = await gateway("/api/pinepods_check", { headers: { origin: APP } });
    expect(cookieOnly.headers.get("access-control-allow-origin")).toBe("*");
    expect(cookieOnly.headers.has("access-control-allow-credentials")).toBe(false);
    expect(response.headers.has("keep-alive")).toBe(false);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const preflight = await gateway("/api/data/add_podcast", {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "POST", "access-control-request-headers": "api-key, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("pass the origin's own errors through as they are", async () => {
    // A route in Pinepods' table (podcasts:read) that this stand-in does not serve: its own 404.
    const response = await gateway("/api/data/home_overview", { headers: apiKey(bobRead) });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: "Not Found" });
  });
});

describe("the origin down", () => {
  it("unreachable → 502 in the error shape, with Retry-After and a request id", async () => {
    const response = await gateway("/api/data/return_pods/7", { headers: apiKey(bobRead) }, { ORIGIN_URL: "http://down.test" });
    await expectError(response, 502, "ORIGIN_UNREACHABLE");
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("too slow → 504 in the error shape once the timeout has passed", async () => {
    const started = Date.now();
    const response = await gateway("/api/data/return_pods/7?slow=1", { headers: apiKey(bobRead) }, { ORIGIN_TIMEOUT_SECONDS: "1" });
    await expectError(response, 504, "ORIGIN_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(2900);
  });
});

describe("the log", () => {
  // Runs last in this file: every request above (links, sign-ins, streams, failures) has logged by now.
  it("holds neither the origin key nor the Pinepods password nor a Podkeys key, in any line", () => {
    const lines = capturedLogs().join("\n");
    expect(lines).toContain("/api/data/return_pods/7"); // the Worker did log these requests
    for (const secret of [ORIGIN_USERS.bob.key, ORIGIN_USERS.bob.password, bobFull, bobRead]) expect(lines).not.toContain(secret);
  });
});
