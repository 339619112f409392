import { createExecutionContext } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { app } from "../../src/app";
import { generateKey } from "../../src/identity/key-format";
import { ipv6Prefix64 } from "../../src/platform/rate-limits";
import { countingD1 } from "../counting-d1";
import { call, createKey, createUser, env, expectError, login, ORIGIN, PASSWORD, SETUP_TOKEN, setupAdmin } from "../helpers";
import { configuredLimit } from "./limits-config";
import { callFrom, freshAddress, freshRateWindow, statuses } from "./support";

// Generous limits: bursts of sequential requests, and a wait for a fresh rate-limit window of up to 15 s, on a machine other suites share.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const USER_LIMIT = configuredLimit("SIGN_IN_USER_LIMITER");
const ADDRESS_LIMIT = configuredLimit("SIGN_IN_ADDRESS_LIMITER");
const KEY_FAILURE_LIMIT = configuredLimit("KEY_FAILURE_LIMITER");
const SETUP_LIMIT = configuredLimit("SETUP_LIMITER");
const WRONG = "wrong password!";

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});
beforeEach(() => freshRateWindow());

function signIn(address: string, username: string, password = WRONG) {
  return callFrom(address, "/api/auth/login", { method: "POST", json: { username, password } });
}

async function expectRateLimited(response: Response) {
  const retryAfter = response.headers.get("retry-after");
  await expectError(response, 429, "RATE_LIMITED");
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
}

describe("sign-in attempts per username", () => {
  it(`refuses attempt ${USER_LIMIT + 1} within a minute with 429, even with the right password`, async () => {
    await createUser(admin.cookie, "alice"); // signs alice in once: the first attempt of the minute
    // Different addresses and letter cases: neither resets the username's bucket.
    const cases = ["alice", "Alice", "ALICE", "aLiCe"];
    const answers = await statuses(USER_LIMIT - 1, (i) => signIn(freshAddress(), cases[i % cases.length]!));
    expect(answers).toEqual(Array(USER_LIMIT - 1).fill(401));
    await expectRateLimited(await signIn(freshAddress(), "alice", PASSWORD));
  });

  it("does not lock out other users, nor sessions and keys the user already holds", async () => {
    const bob = await createUser(admin.cookie, "bob");
    const { key } = await createKey(bob.cookie);
    await statuses(USER_LIMIT - 1, () => signIn(freshAddress(), "bob")); // plus createUser's sign-in
    await expectRateLimited(await signIn(freshAddress(), "bob", PASSWORD));
    expect((await call("/api/me", { cookie: bob.cookie })).status).toBe(200);
    expect((await callFrom(freshAddress(), "/api/me", { key })).status).toBe(200);
    await createUser(admin.cookie, "carol");
    expect((await signIn(freshAddress(), "carol", PASSWORD)).status).toBe(200);
  });

  it("counts Pinepods' Basic-auth get_key like the sign-in form: one limit for every way of signing in", async () => {
    await createUser(admin.cookie, "frank");
    const basic = (password: string) => ({ authorization: `Basic ${btoa(`frank:${password}`)}` });
    const answers = await statuses(USER_LIMIT - 1, () => callFrom(freshAddress(), "/api/data/get_key", { headers: basic(WRONG) }));
    expect(answers).toEqual(Array(USER_LIMIT - 1).fill(401));
    await expectRateLimited(await callFrom(freshAddress(), "/api/data/get_key", { headers: basic(PASSWORD) }));
    await expectRateLimited(await signIn(freshAddress(), "frank", PASSWORD));
  });

  it("also counts current-password checks, so a stolen session cannot guess the password", async () => {
    const dave = await createUser(admin.cookie, "dave");
    const change = () =>
      call("/api/me/password", {
        method: "POST",
        cookie: dave.cookie,
        json: { currentPassword: WRONG, newPassword: "another long password" },
      });
    // createUser signed dave in once: that attempt counts too.
    expect(await statuses(USER_LIMIT - 1, change)).toEqual(Array(USER_LIMIT - 1).fill(400));
    await expectRateLimited(await change());
    await expectRateLimited(await signIn(freshAddress(), "dave", PASSWORD));
  });
});

describe("sign-in attempts per client address", () => {
  it(`refuses attempt ${ADDRESS_LIMIT + 1} from one address, whatever the usernames`, async () => {
    const address = freshAddress();
    const answers = await statuses(ADDRESS_LIMIT, (i) => signIn(address, `nobody${i}`));
    expect(answers).toEqual(Array(ADDRESS_LIMIT).fill(401));
    await expectRateLimited(await signIn(address, "somebody-new"));
    expect((await signIn(freshAddress(), "somebody-new")).status).toBe(401);
  });

  it("treats one IPv6 /64 as one client", async () => {
    const answers = await statuses(ADDRESS_LIMIT, (i) => signIn(`2001:db8:77:1:${i.toString(16)}::1`, `v6user${i}`));
    expect(answers).toEqual(Array(ADDRESS_LIMIT).fill(401));
    await expectRateLimited(await signIn("2001:0db8:0077:0001:ffff:ffff:ffff:ffff", "v6user-last"));
    expect((await signIn("2001:db8:77:2::1", "v6user-last")).status).toBe(401);
  });

  it("groups addresses by their /64 prefix", () => {
    expect(ipv6Prefix64("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipv6Prefix64("2001:0DB8:0001:0002:0:0:0:5")).toBe("2001:db8:1:2::/64");
    expect(ipv6Prefix64("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(ipv6Prefix64("::1")).toBe("0:0:0:0::/64");
    expect(ipv6Prefix64("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });
});

describe("failed key checks per client address", () => {
  it(`refuses failure ${KEY_FAILURE_LIMIT + 1} from one address, in headers, Pinepods' verify_key and /api/keys/verify alike`, async () => {
    const address = freshAddress();
    const half = KEY_FAILURE_LIMIT / 2;
    const fromHeaders = await statuses(half, (i) =>
      i % 2
        ? callFrom(address, "/api/me", { key: `podk_made-up-${i}` })
        : callFrom(address, "/api/data/verify_key", { headers: { "api-key": `podk_made-up-${i}` } }),
    );
    const fromVerify = await statuses(KEY_FAILURE_LIMIT - half, (i) =>
      callFrom(address, "/api/keys/verify", { method: "POST", json: { key: `podk_made-up-${i}` } }),
    );
    expect(fromHeaders).toEqual(Array(half).fill(401));
    expect(fromVerify).toEqual(Array(KEY_FAILURE_LIMIT - half).fill(200));
    await expectRateLimited(await callFrom(address, "/api/keys/verify", { method: "POST", json: { key: "podk_one-more" } }));
    await expectRateLimited(await callFrom(address, "/api/keys", { headers: { "x-api-key": "podk_one-more" } }));
    await expectRateLimited(await callFrom(address, "/api/me", { key: "podk_one-more" })); // the key gate, ahead of the router
    expect((await callFrom(freshAddress(), "/api/me", { key: "podk_one-more" })).status).toBe(401);
  });

  it("never limits a valid key from an address that stays under its failure limit", async () => {
    const address = freshAddress();
    const { key } = await createKey(admin.cookie, "busy podcast server");
    await statuses(KEY_FAILURE_LIMIT - 1, () => callFrom(address, "/api/me", { key: "podk_not-a-key" }));
    const valid = await statuses(KEY_FAILURE_LIMIT * 2, (i) =>
      i % 2 ? callFrom(address, "/api/me", { key }) : callFrom(address, "/api/keys/verify", { method: "POST", json: { key } }),
    );
    expect(valid).toEqual(Array(KEY_FAILURE_LIMIT * 2).fill(200));
  });

  it("once over the limit, refuses the address's key checks before any D1 query until Retry-After has passed", async () => {
    const address = freshAddress();
    const overflow = await statuses(KEY_FAILURE_LIMIT + 1, () => callFrom(address, "/api/me", { key: "podk_not-a-key" }));
    expect(overflow.at(-1)).toBe(429);
    // Well-formed made-up keys: without the isolate's memory each one would cost a D1 lookup.
    const counter = countingD1(env.DB);
    const flood = (path: string, init: Parameters<typeof call>[1]) => {
      const headers = new Headers(init?.headers);
      headers.set("cf-connecting-ip", address);
      return app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }), { ...env, DB: counter.db }, createExecutionContext());
    };
    const made = () => generateKey("podk");
    const answers = [
      await flood("/api/me", { headers: { authorization: `Bearer ${made()}` } }),
      await flood("/api/keys", { headers: { "x-api-key": made() } }),
      await flood("/api/keys/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: made() }),
      }),
    ];
    for (const response of answers) {
      const retryAfter = Number(response.headers.get("retry-after"));
      await expectError(response, 429, "RATE_LIMITED");
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    expect(counter.queries).toEqual([]);
    // Another address is unaffected.
    expect((await callFrom(freshAddress(), "/api/me", { key: made() })).status).toBe(401);
  });
});

describe("setup attempts per client address", () => {
  it(`refuses attempt ${SETUP_LIMIT + 1}, before the token is even compared`, async () => {
    const address = freshAddress();
    const attempt = (token: string) =>
      callFrom(address, "/api/setup", { method: "POST", json: { token, username: "mallory", password: PASSWORD } });
    // Set up already (beforeAll): every attempt gets the same 409 whatever the token, until the limit.
    expect(await statuses(SETUP_LIMIT, (i) => attempt(`guess-${i}`))).toEqual(Array(SETUP_LIMIT).fill(409));
    await expectRateLimited(await attempt(SETUP_TOKEN));
  });
});

describe("a deployment without the rate-limit bindings", () => {
  it("keeps working, unlimited, instead of failing", async () => {
    await createUser(admin.cookie, "erin");
    const { SIGN_IN_USER_LIMITER: _u, SIGN_IN_ADDRESS_LIMITER: _a, KEY_FAILURE_LIMITER: _k, SETUP_LIMITER: _s, ...withoutLimiters } = env;
    const answers = await statuses(USER_LIMIT + 2, async () =>
      app.request(
        "/api/auth/login",
        {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.1" },
          body: JSON.stringify({ username: "erin", password: PASSWORD }),
        },
        withoutLimiters,
        createExecutionContext(), // a sign-in records auth.login after the answer, through waitUntil
      ),
    );
    expect(answers).toEqual(Array(USER_LIMIT + 2).fill(200));
    expect(await login("erin")).toMatch(/^podkeys_session=/);
  });
});
