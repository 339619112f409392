import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, createKey, createUser, enableTwoFactor, env, expectError, PASSWORD, sessionCookie, setupAdmin, totpCode } from "../helpers";

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

const signIn = (username: string, password = PASSWORD) => call("/api/auth/login", { method: "POST", json: { username, password } });
const secondStep = (mfaToken: string, code: string) => call("/api/auth/login/two-factor", { method: "POST", json: { mfaToken, code } });

async function mfaTokenFor(username: string) {
  const response = await signIn(username);
  expect(response.status).toBe(200);
  expect(response.headers.getSetCookie()).toEqual([]);
  const body = await response.json<{ twoFactorRequired: boolean; mfaToken: string; user?: unknown }>();
  expect(body.twoFactorRequired).toBe(true);
  expect(body.user).toBeUndefined();
  return body.mfaToken;
}

describe("enrolment: POST /api/me/two-factor and /confirm", () => {
  it("answers a base32 secret and its otpauth URL, refuses a wrong code, and turns on with the right one", async () => {
    const bob = await createUser(admin.cookie, "bob");
    const enrol = await call("/api/me/two-factor", { method: "POST", cookie: bob.cookie });
    const { secret, otpauthUrl } = await enrol.json<{ secret: string; otpauthUrl: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Podkeys:bob\?/);
    const right = await totpCode(secret);
    const wrong = right === "000000" ? "000001" : "000000";
    await expectError(
      await call("/api/me/two-factor/confirm", { method: "POST", cookie: bob.cookie, json: { code: wrong } }),
      400,
      "INVALID_TWO_FACTOR_CODE",
    );
    expect(await (await call("/api/me/two-factor", { cookie: bob.cookie })).json()).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    const confirm = await call("/api/me/two-factor/confirm", { method: "POST", cookie: bob.cookie, json: { code: right } });
    expect(confirm.status).toBe(200);
    const { recoveryCodes } = await confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await (await call("/api/me/two-factor", { cookie: bob.cookie })).json()).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    // Enrolling again while on is refused; the secret is never answered again.
    await expectError(await call("/api/me/two-factor", { method: "POST", cookie: bob.cookie }), 409, "CONFLICT");
  });

  it("stores the secret sealed and the recovery codes hashed, never as given", async () => {
    const carol = await createUser(admin.cookie, "carol");
    const { secret, recoveryCodes } = await enableTwoFactor(carol.cookie);
    const row = await env.DB.prepare("SELECT two_factor_secret AS s FROM users WHERE id = ?").bind(carol.id).first<{ s: string }>();
    expect(row!.s).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(row!.s).not.toContain(secret);
    const dump = JSON.stringify((await env.DB.prepare("SELECT * FROM recovery_codes WHERE user_id = ?").bind(carol.id).all()).results);
    for (const code of recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace("-", ""));
    }
  });

  it("is session only: a key gets 403", async () => {
    const { key } = await createKey(admin.cookie, "full", { scope: "full" });
    await expectError(await call("/api/me/two-factor", { method: "POST", key }), 403, "SESSION_REQUIRED");
    await expectError(await call("/api/me/two-factor/confirm", { method: "POST", key, json: { code: "123456" } }), 403, "SESSION_REQUIRED");
    await expectError(await call("/api/me/two-factor", { method: "DELETE", key, json: { code: "123456" } }), 403, "SESSION_REQUIRED");
  });
});

describe("sign-in with two-factor on", () => {
  it("opens no session with the password alone; a wrong code is refused; the right code signs in, once", async () => {
    const dan = await createUser(admin.cookie, "dan");
    const { secret } = await enableTwoFactor(dan.cookie);
    const mfaToken = await mfaTokenFor("dan");
    const code = await totpCode(secret, 1); // the enrolment used this step's code already
    await expectError(await secondStep(mfaToken, code === "999999" ? "999998" : "999999"), 400, "INVALID_TWO_FACTOR_CODE");
    const ok = await secondStep(mfaToken, code);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ user: { username: "dan" } });
    expect((await call("/api/me", { cookie: sessionCookie(ok) })).status).toBe(200);
    // The token is spent, and the same TOTP code is not accepted twice.
    await expectError(await secondStep(mfaToken, code), 401, "INVALID_MFA_TOKEN");
    await expectError(await secondStep(await mfaTokenFor("dan"), code), 400, "INVALID_TWO_FACTOR_CODE");
  });

  it("accepts a recovery code once, and refuses it the second time", async () => {
    const eve = await createUser(admin.cookie, "eve");
    const { recoveryCodes } = await enableTwoFactor(eve.cookie);
    const first = await secondStep(await mfaTokenFor("eve"), recoveryCodes[3]!.toUpperCase());
    expect(first.status).toBe(200);
    await expectError(await secondStep(await mfaTokenFor("eve"), recoveryCodes[3]!), 400, "INVALID_TWO_FACTOR_CODE");
    expect(await (await call("/api/me/two-factor", { cookie: eve.cookie })).json()).toEqual({ enabled: true, recoveryCodesLeft: 9 });
    // Sign-in events are written after the answer (waitUntil).
    await vi.waitFor(async () => {
      const events = await env.DB.prepare("SELECT type, detail FROM audit_events WHERE target_owner_id = ? ORDER BY id")
        .bind(eve.id)
        .all<{ type: string; detail: string | null }>();
      expect(events.results.map((e) => e.type)).toEqual(
        expect.arrayContaining(["auth.two_factor_enabled", "auth.recovery_code_used", "auth.login"]),
      );
      expect(JSON.stringify(events.results)).not.toContain(recoveryCodes[3]!);
    });
  });

  it("refuses an expired mfa token", async () => {
    const fay = await createUser(admin.cookie, "fay");
    const { secret } = await enableTwoFactor(fay.cookie);
    const mfaToken = await mfaTokenFor("fay");
    await env.DB.prepare("UPDATE mfa_challenges SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, fay.id)
      .run();
    await expectError(await secondStep(mfaToken, await totpCode(secret, 1)), 401, "INVALID_MFA_TOKEN");
    await expectError(await secondStep("made-up", "123456"), 401, "INVALID_MFA_TOKEN");
  });
});

describe("DELETE /api/me/two-factor", () => {
  it("turns it off with a code; then the password alone signs in again", async () => {
    const gus = await createUser(admin.cookie, "gus");
    const { secret } = await enableTwoFactor(gus.cookie);
    await expectError(
      await call("/api/me/two-factor", { method: "DELETE", cookie: gus.cookie, json: { code: "not a code" } }),
      400,
      "INVALID_TWO_FACTOR_CODE",
    );
    expect(
      (await call("/api/me/two-factor", { method: "DELETE", cookie: gus.cookie, json: { code: await totpCode(secret, 1) } })).status,
    ).toBe(204);
    const response = await signIn("gus");
    expect(await response.json()).toMatchObject({ user: { username: "gus" } });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM recovery_codes WHERE user_id = ?").bind(gus.id).first("n")).toBe(0);
  });
});

describe("REQUIRE_ADMIN_TWO_FACTOR", () => {
  it("keeps an admin without two-factor out of user management until they turn it on", async () => {
    const { app } = await import("../../src/app");
    const strict = { ...env, REQUIRE_ADMIN_TWO_FACTOR: "true" };
    const users = (cookie: string) => app.request("/api/users", { headers: { cookie } }, strict);
    await expectError(await users(admin.cookie), 403, "TWO_FACTOR_REQUIRED");
    await enableTwoFactor(admin.cookie);
    expect((await users(admin.cookie)).status).toBe(200);
  });
});
