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
