import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { respond } from "../../src/http/pipeline";
import worker from "../../src/index";
import type { Env } from "../../src/platform/env";
import { gatewayFastPath } from "../../src/routes/gateway/fast-path";
import { createKey, createUser, ORIGIN, setupAdmin } from "../helpers";
import { linkedUser, ORIGIN_URL } from "./support";

// Issue 24: forwarded requests are answered ahead of the router (routes/gateway/fast-path.ts). The
// fast path must decide "forwarded" exactly as the app does, and answer exactly as the app's route would.

const gatewayEnv = { ...env, ORIGIN_URL } as Env;
let bobFull: string;
let bobRead: string;
let carolKey: string;
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  const bob = await linkedUser(admin.cookie, "bob");
  bobFull = (await createKey(bob.cookie, "Pinepods app", { scope: "full" })).key;
  bobRead = (await createKey(bob.cookie, "Kodi")).key;
  // Not linked to the origin: 409 from both paths.
  const carol = await createUser(admin.cookie, "carol");
  carolKey = (await createKey(carol.cookie, "carol's app", { scope: "full" })).key;
});

const request = (path: string, init: RequestInit = {}) => new Request(`${ORIGIN}${path}`, init);
const READ = new Set(["GET", "HEAD"]);

/** The Worker's answer (fast path first) and the app's own (router only), in the same pipeline. */
async function bothWays(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const fast = await worker.fetch(request(path, init) as Parameters<typeof worker.fetch>[0], gatewayEnv, ctx);
  const appRequest = request(path, init);
  const routed = await respond(appRequest, gatewayEnv, () => app.fetch(appRequest, gatewayEnv, ctx));
  await waitOnExecutionContext(ctx);
  const view = async (response: Response) => ({
    status: response.status,
    headers: [...response.headers].filter(([name]) => name !== "x-request-id"),
    // Each answer has its own request id (header and error body); everything else must match.
    body: (await response.text()).replace(/"requestId":"[^"]+"/, '"requestId":"…"'),
  });
  return { fast: await view(fast), routed: await view(routed) };
}

describe("the fast path for forwarded requests", () => {
  it("takes forwarded requests only: not Podkeys' own paths, open endpoints, preflights, or anything with the gateway off", () => {
    const ctx = createExecutionContext();
    const takes = (path: string, init: RequestInit = {}, bindings: Env = gatewayEnv) => {
      const answer = gatewayFastPath(request(path, init), bindings, ctx, "id");
      answer?.catch(() => {});
      return answer !== undefined;
    };
    expect(takes("/api/data/return_pods/7")).toBe(true);
    expect(takes("/ws/api/tasks/7")).toBe(true);
    expect(takes("/api/data/stream/12?api_key=x")).toBe(true);
    expect(takes("/api/me")).toBe(false);
    expect(takes("/api/keys")).toBe(false);
    expect(takes("/api/keys/123")).toBe(false);
    expect(takes("/healthz")).toBe(false);
    expect(takes("/podkeys/")).toBe(false);
    expect(takes("/api/pinepods_check")).toBe(false);
    expect(takes("/api/data/reset_password_create_code", { method: "POST", body: "{}" })).toBe(false);
    expect(takes("/api/data/return_pods/7", { method: "OPTIONS" })).toBe(false);
    expect(takes("/api/data/return_pods/7", {}, { ...env, ORIGIN_URL: "" } as Env)).toBe(false);
  });

  it("never takes a route the app intercepts or answers itself (sign-in, single sign-on, open endpoints, Podkeys' own), whatever the method", () => {
    const ctx = createExecutionContext();
    const takes = (path: string, method: string) => {
      const answer = gatewayFastPath(request(path, { method, body: READ.has(method) ? null : "{}" }), gatewayEnv, ctx, "id");
      answer?.catch(() => {});
      return answer !== undefined;
    };
    // Named: the Pinepods sign-in routes Podkeys answers itself, and single sign-on's steps, whose answers the app rewrites.
    const intercepted = [
      "/api/data/get_key",
      "/api/data/verify_mfa_and_get_key",
      "/api/data/verify_key",
      "/api/data/get_user",
      "/api/data/config",
      "/api/data/create_api_key",
      "/api/data/delete_api_key",
      "/api/data/get_api_info/7",
      "/api/data/user_details_id/7",
      "/api/auth/callback",
      "/api/auth/store_state",
      "/api/data/public_oidc_providers",
      "/api/pinepods_check",
    ];
    // And every route the app registers, its parameters filled in: a route added later is covered without editing this list.
    const registered = app.routes
      .filter((route) => route.method !== "ALL" && route.path.startsWith("/api/"))
      .map((route) => route.path.replace(/:[^/]+/g, "7"));
    for (const path of new Set([...intercepted, ...registered])) {
      for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]) expect(takes(path, method), `${method} ${path}`).toBe(false);
    }
    // The same table takes what it should (the check above is not vacuous).
    expect(takes("/api/data/return_pods/7", "GET")).toBe(true);
    expect(takes("/api/data/get_key_list", "GET")).toBe(true);
  });

  it("answers exactly as the app's forwarding route: accepted, refused, unlinked, query keys", async () => {
    const cases: [string, RequestInit][] = [
      ["/api/data/return_pods/7", { headers: { "api-key": bobFull } }],
      ["/api/data/return_pods/7", { headers: { authorization: `Bearer ${bobRead}`, origin: "https://lite.example" } }],
      ["/api/data/return_pods/7", {}],
      ["/api/data/return_pods/7", { headers: { "api-key": "podk_not-a-real-key" } }],
      ["/api/data/return_pods/7", { headers: { "api-key": carolKey } }],
      ["/api/data/config", { headers: { "api-key": bobRead } }],
      [`/api/data/stream/12?api_key=${bobRead}`, {}],
    ];
    for (const [path, init] of cases) {
      const { fast, routed } = await bothWays(path, init);
      expect(fast, `${path} ${JSON.stringify(init)}`).toEqual(routed);
    }
  });
});
