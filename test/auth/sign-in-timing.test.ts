import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "../../src/app";
import { countingD1 } from "../counting-d1";
import { createUser, enableTwoFactor, env, ORIGIN, PASSWORD, setupAdmin } from "../helpers";

/**
 * An unknown username, a wrong password and a right password with two-factor on must cost the same
 * work until the answer is out: the same number of PBKDF2 runs and of D1 statements (the failed-sign-in
 * audit write happens after it). Counted, not timed: a timed test would be flaky on a shared machine,
 * and the work is what differed. Medians are measured by the bench (row s, bench/sign-in-timing.mjs).
 */
async function signInCost(username: string, password: string) {
  const counter = countingD1(env.DB);
  const pbkdf2 = vi.spyOn(crypto.subtle, "deriveBits");
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const response = await app.fetch(request, { ...env, DB: counter.db }, ctx);
  const beforeAnswer = counter.queries.length;
  const pbkdf2Runs = pbkdf2.mock.calls.filter(([algorithm]) => (algorithm as { name: string }).name === "PBKDF2").length;
  pbkdf2.mockRestore();
  await waitOnExecutionContext(ctx);
  return {
    status: response.status,
    body: await response.json<Record<string, unknown>>(),
    beforeAnswer,
    pbkdf2Runs,
    after: counter.queries.slice(beforeAnswer),
  };
}

afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  const admin = await setupAdmin();
  await createUser(admin.cookie, "bob");
  const carol = await createUser(admin.cookie, "carol");
  await enableTwoFactor(carol.cookie);
  await signInCost("warm-up", "the decoy hash is made once per isolate"); // not counted below
});

describe("POST /api/auth/login timing", () => {
  it("sends D1 the same statements and runs PBKDF2 as often for an unknown user, a wrong password and a right one with two-factor on", async () => {
    const unknown = await signInCost("nobody-here", "definitely wrong");
    const wrong = await signInCost("bob", "definitely wrong");
    const twoFactor = await signInCost("carol", PASSWORD);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(twoFactor.body).toMatchObject({ twoFactorRequired: true });
    expect(wrong.beforeAnswer).toBe(unknown.beforeAnswer);
    expect(twoFactor.beforeAnswer).toBe(unknown.beforeAnswer);
    expect([unknown.pbkdf2Runs, wrong.pbkdf2Runs, twoFactor.pbkdf2Runs]).toEqual([1, 1, 1]);
    // …and the failed attempt on the real account is still recorded, after the answer.
    expect(wrong.after.some((sql) => /insert into "?audit_events"?/i.test(sql))).toBe(true);
    expect(unknown.after).toEqual([]);
  });
});
