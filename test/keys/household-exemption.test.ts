import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, createKey, expectError, setupAdmin } from "../helpers";
import { configuredLimit } from "../security/limits-config";
import { callFrom, freshAddress, freshRateWindow, statuses } from "../security/support";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
const KEY_FAILURE_LIMIT = configuredLimit("KEY_FAILURE_LIMITER");

let cookie: string;
beforeAll(async () => {
  cookie = (await setupAdmin()).cookie;
});

describe("a household behind one address, one of its devices broken", () => {
  it("keeps the keys that worked from that address in the last hour, refuses new bad ones with 429, and still checks D1", async () => {
    await freshRateWindow();
    const household = freshAddress();
    const { key: tv, apiKey: tvKey } = await createKey(cookie, "living-room TV", { scope: "full" });
    const { key: kitchen } = await createKey(cookie, "kitchen speaker");
    const { key: unused } = await createKey(cookie, "never used from here");
    expect((await callFrom(household, "/api/me", { key: tv })).status).toBe(200);
    expect((await callFrom(household, "/api/keys/verify", { method: "POST", json: { key: kitchen } })).status).toBe(200);

    const broken = await statuses(KEY_FAILURE_LIMIT + 10, () => callFrom(household, "/api/me", { key: "podk_not-a-key" }));
    expect(broken.at(-1)).toBe(429);

    expect((await callFrom(household, "/api/me", { key: tv })).status).toBe(200);
    const kitchenAnswer = await callFrom(household, "/api/keys/verify", { method: "POST", json: { key: kitchen } });
    expect(await kitchenAnswer.json()).toMatchObject({ valid: true });
    // A valid key that never worked from here, and a new bad one: refused like the flood.
    await expectError(await callFrom(household, "/api/me", { key: unused }), 429, "RATE_LIMITED");
    await expectError(await callFrom(household, "/api/me", { key: "podk_another-bad-key" }), 429, "RATE_LIMITED");
    // The exemption is not a verdict: a key deleted since is refused once D1 says so (and, a failure from an
    // address over its limit, answered 429).
    expect((await call(`/api/keys/${tvKey.id}`, { method: "DELETE", cookie })).status).toBe(204);
    await expectError(await callFrom(household, "/api/me", { key: tv }), 429, "RATE_LIMITED");
  });
});
