import { beforeAll, describe, expect, it } from "vitest";
import { FIRST_LOCK_MS, WRONG_CODES_BEFORE_LOCK } from "../../src/services/auth/second-factor-lockout";
import { callWith, createUser, enableTwoFactor, env, expectError, PASSWORD, rows, setupAdmin, totpCode } from "../helpers";

// The per-minute sign-in limiters (10 per username) would stop a test long before 10 wrong codes;
// they are off here so that what is tested is the account's own lock, which holds without them.
const NO_LIMITERS = { SIGN_IN_USER_LIMITER: undefined, SIGN_IN_ADDRESS_LIMITER: undefined };
const post = (path: string, json: unknown, ip = "198.51.100.7") =>
  callWith(NO_LIMITERS, path, { method: "POST", json, headers: { "cf-connecting-ip": ip } });

async function mfaToken(username: string): Promise<string> {
  const response = await post("/api/auth/login", { username, password: PASSWORD });
  const body = await response.json<{ mfaToken: string }>();
  expect(body.mfaToken).toEqual(expect.any(String));
  return body.mfaToken;
}

async function pinepodsToken(username: string): Promise<string> {
  const response = await callWith(NO_LIMITERS, "/api/data/get_key", {
    headers: { authorization: `Basic ${btoa(`${username}:${PASSWORD}`)}` },
  });
  return (await response.json<{ mfa_session_token: string }>()).mfa_session_token;
}

const wrongCode = async (secret: string) => ((await totpCode(secret)) === "000000" ? "000001" : "000000");
const lockRow = async (userId: number) => (await rows("SELECT * FROM second_factor_locks WHERE user_id = ?", userId))[0];
/** The lock's end moved to the past, as if its time had passed (D1 is the only clock the lock reads). */
const expireLock = (userId: number) =>
  env.DB.prepare("UPDATE second_factor_locks SET locked_until = 1 WHERE user_id = ?").bind(userId).run();

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("the second step's lock per account", () => {
  it("locks after 10 wrong codes over fresh tokens and addresses: 429 with Retry-After, even for the right code", async () => {
    const bob = await createUser(admin.cookie, "bob");
    const { secret } = await enableTwoFactor(bob.cookie);
    for (let i = 1; i < WRONG_CODES_BEFORE_LOCK; i++) {
      const wrong = await post(
        "/api/auth/login/two-factor",
        { mfaToken: await mfaToken("bob"), code: await wrongCode(secret) },
        `203.0.113.${i}`,
      );
      await expectError(wrong, 400, "INVALID_TWO_FACTOR_CODE");
    }
    const tenth = await post("/api/auth/login/two-factor", { mfaToken: await mfaToken("bob"), code: await wrongCode(secret) });
    await expectError(tenth, 429, "RATE_LIMITED");
    const retryAfter = Number(tenth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(FIRST_LOCK_MS / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(FIRST_LOCK_MS / 1000);

    const right = await post("/api/auth/login/two-factor", { mfaToken: await mfaToken("bob"), code: await totpCode(secret, 1) });
    await expectError(right, 429, "RATE_LIMITED");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    // The owner is told: an event on their account.
    expect(await rows("SELECT detail FROM audit_events WHERE type = 'auth.second_factor_locked' AND target_id = ?", bob.id)).toHaveLength(
      1,
    );

    // Once the lock has passed, the right code works and the count starts again.
    await expireLock(bob.id);
    const after = await post("/api/auth/login/two-factor", { mfaToken: await mfaToken("bob"), code: await totpCode(secret, 1) });
    expect(after.status).toBe(200);
    expect(await lockRow(bob.id)).toBeUndefined();
  });

  it("counts recovery codes and Pinepods' verify_mfa_and_get_key into the same lock", async () => {
    const carol = await createUser(admin.cookie, "carol");
    const { secret, recoveryCodes } = await enableTwoFactor(carol.cookie);
    for (let i = 0; i < 5; i++) {
      const wrong = await post("/api/auth/login/two-factor", { mfaToken: await mfaToken("carol"), code: "aaaaa-bbbbb" });
      await expectError(wrong, 400, "INVALID_TWO_FACTOR_CODE");
    }
    for (let i = 0; i < 4; i++) {
      const wrong = await post("/api/data/verify_mfa_and_get_key", {
        mfa_session_token: await pinepodsToken("carol"),
        mfa_code: await wrongCode(secret),
      });
      expect(await wrong.json()).toMatchObject({ status: "invalid_code", verified: false });
    }
    const tenth = await post("/api/data/verify_mfa_and_get_key", {
      mfa_session_token: await pinepodsToken("carol"),
      mfa_code: "zzzzz-zzzzz",
    });
    await expectError(tenth, 429, "RATE_LIMITED");
    // A real recovery code is refused too while locked, and is not spent.
    const recovery = await post("/api/data/verify_mfa_and_get_key", {
      mfa_session_token: await pinepodsToken("carol"),
      mfa_code: recoveryCodes[0],
    });
    await expectError(recovery, 429, "RATE_LIMITED");
    expect(await rows("SELECT id FROM recovery_codes WHERE user_id = ? AND used_at IS NOT NULL", carol.id)).toEqual([]);
  });

  it("doubles each further lockout, up to 24 hours, until a right code resets it", async () => {
    const dave = await createUser(admin.cookie, "dave");
    const { secret } = await enableTwoFactor(dave.cookie);
    const lockOnce = async () => {
      let last: Response | undefined;
      for (let i = 0; i < WRONG_CODES_BEFORE_LOCK; i++) {
        last = await post("/api/auth/login/two-factor", { mfaToken: await mfaToken("dave"), code: await wrongCode(secret) });
      }
      expect(last!.status).toBe(429);
      return Number(last!.headers.get("retry-after"));
    };
    const first = await lockOnce();
    await expireLock(dave.id);
    const second = await lockOnce();
    expect(second).toBeGreaterThan(first * 2 - 60);
    expect(second).toBeLessThanOrEqual((FIRST_LOCK_MS / 1000) * 2);
    // Far along: the cap.
    await env.DB.prepare("UPDATE second_factor_locks SET lockouts = 12, locked_until = 1 WHERE user_id = ?").bind(dave.id).run();
    expect(await lockOnce()).toBeLessThanOrEqual(24 * 60 * 60);
    expect(await lockOnce()).toBeGreaterThan(0); // still locked: the 11th … codes are refused, not counted
    await expireLock(dave.id);
    const right = await post("/api/auth/login/two-factor", { mfaToken: await mfaToken("dave"), code: await totpCode(secret, 1) });
    expect(right.status).toBe(200);
    expect(await lockRow(dave.id)).toBeUndefined();
  });

  it("locks turning two-factor off with a stolen session too", async () => {
    const erin = await createUser(admin.cookie, "erin");
    const { secret } = await enableTwoFactor(erin.cookie);
    await env.DB.prepare("INSERT INTO second_factor_locks (user_id, failures) VALUES (?, 9)").bind(erin.id).run();
    const off = await callWith(NO_LIMITERS, "/api/me/two-factor", {
      method: "DELETE",
      cookie: erin.cookie,
      json: { code: await wrongCode(secret) },
    });
    await expectError(off, 429, "RATE_LIMITED");
    const right = await callWith(NO_LIMITERS, "/api/me/two-factor", {
      method: "DELETE",
      cookie: erin.cookie,
      json: { code: await totpCode(secret, 1) },
    });
    await expectError(right, 429, "RATE_LIMITED");
  });
});
