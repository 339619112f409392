import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { countingD1 } from "../counting-d1";
import { createUser, env, ORIGIN, setupAdmin } from "../helpers";

/**
 * A wrong password for a real user must cost what an unknown username costs until the answer is
 * out: the failed-sign-in audit write happens after it. Counted in D1 statements sent before the
 * response resolved (a timed test would be flaky on a shared machine; the write is what differed).
 */
async function signInCost(username: string) {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "definitely wrong" }),
  });
  const response = await app.fetch(request, { ...env, DB: counter.db }, ctx);
  const beforeAnswer = counter.queries.length;
  await waitOnExecutionContext(ctx);
  return { status: response.status, beforeAnswer, after: counter.queries.slice(beforeAnswer) };
}

beforeAll(async () => {
  const admin = await setupAdmin();
  await createUser(admin.cookie, "bob");
});

describe("POST /api/auth/login timing", () => {
  it("sends D1 the same work before answering for an unknown user and for a wrong password", async () => {
    const unknown = await signInCost("nobody-here");
    const wrong = await signInCost("bob");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.beforeAnswer).toBe(unknown.beforeAnswer);
    // …and the failed attempt on the real account is still recorded, after the answer.
    expect(wrong.after.some((sql) => /insert into "?audit_events"?/i.test(sql))).toBe(true);
    expect(unknown.after).toEqual([]);
  });
});
