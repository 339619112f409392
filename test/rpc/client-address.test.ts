import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwoWorkers, type TwoWorkers } from "./two-workers";

// KeyService's failed-key limit applies to the client address the calling Worker states: verify's
// `clientAddress`, or fetch's X-Podkeys-Client-Address. A forwarded CF-Connecting-IP decides nothing,
// and calls that state no address share one bucket, so sending none escapes nothing.
const LIMIT = 60; // KEY_FAILURE_LIMITER in wrangler.toml
const BAD = "podk_not-a-key";
let workers: TwoWorkers;

type Settled = { answer?: { valid: boolean; code?: string }; thrown?: { message: string; code?: string; retryAfter?: number } };
const rpcVerify = async (key: string, clientAddress?: string): Promise<Settled> =>
  (await workers.consumer("/probe/verify", { json: clientAddress === undefined ? { key } : { key, clientAddress } })).json();
const httpVerify = async (key: string, headers: Record<string, string>) =>
  (await workers.consumer("/probe/verify-http", { json: { key }, headers })).json() as Promise<{ status: number; body: unknown }>;

async function flood(clientAddress?: string): Promise<Settled> {
  let last: Settled = {};
  for (let i = 0; i <= LIMIT; i++) last = await rpcVerify(BAD, clientAddress);
  return last;
}

beforeAll(async () => {
  workers = await startTwoWorkers();
});
afterAll(() => workers?.dispose());

describe("KeyService's client address", () => {
  it("limits failed checks per stated clientAddress: RATE_LIMITED with retryAfter, other addresses unaffected", async () => {
    const limited = await flood("203.0.113.50");
    expect(limited.thrown).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
    expect(limited.thrown!.message).toMatch(/^RATE_LIMITED: /);
    expect(await rpcVerify(BAD, "203.0.113.51")).toEqual({ answer: { valid: false, code: "MALFORMED" } });
  });

  it("fetch over the binding takes the address from X-Podkeys-Client-Address only, never a forwarded CF-Connecting-IP", async () => {
    const blocked = await httpVerify(BAD, { "x-podkeys-client-address": "203.0.113.50" });
    expect(blocked.status).toBe(429);
    const forged = await httpVerify(BAD, { "x-podkeys-client-address": "203.0.113.50", "cf-connecting-ip": "198.51.100.99" });
    expect(forged.status).toBe(429);
    expect((await httpVerify(BAD, { "x-podkeys-client-address": "203.0.113.52" })).status).toBe(200);
  });

  it("limits calls that state no address together, so none escapes the limit", async () => {
    const limited = await flood();
    expect(limited.thrown).toMatchObject({ code: "RATE_LIMITED" });
  });
});
