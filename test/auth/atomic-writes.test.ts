import { describe, expect, it } from "vitest";
import {
  call,
  enableTwoFactor,
  expectServerError,
  login,
  PASSWORD,
  rows,
  SETUP_TOKEN,
  setupAdmin,
  totpCode,
  withFailingWrite,
} from "../helpers";

// A change of more than one statement is one D1 transaction: made to fail at its second statement,
// the request answers an error and nothing of it stays.

describe("POST /api/setup when the admin's session cannot be written", () => {
  it("answers an error and leaves setup to do: no user, no audit event, no session", async () => {
    const response = await withFailingWrite("BEFORE INSERT ON sessions", () =>
      call("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username: "admin", password: PASSWORD } }),
    );
    await expectServerError(response);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("podkeys_session="))).toBe(false);
    expect(await rows("SELECT id FROM users")).toEqual([]);
    expect(await rows("SELECT id FROM audit_events")).toEqual([]);
    expect(await (await call("/api/setup")).json()).toEqual({ needed: true, pinepodsAccounts: false });
  });
});

describe("POST /api/me/password when the other sessions cannot be deleted", () => {
  it("answers an error and changes nothing: the old password and the other sessions still work", async () => {
    const { cookie } = await setupAdmin("admin"); // setup works once the fault is gone
    const otherSession = await login("admin");
    const before = await rows("SELECT password_hash FROM users");

    const response = await withFailingWrite("BEFORE DELETE ON sessions", () =>
      call("/api/me/password", { method: "POST", cookie, json: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" } }),
    );
    await expectServerError(response);

    expect(await rows("SELECT password_hash FROM users")).toEqual(before);
    expect((await call("/api/me", { cookie: otherSession })).status).toBe(200);
    expect((await call("/api/auth/login", { method: "POST", json: { username: "admin", password: PASSWORD } })).status).toBe(200);
    expect(
      (await call("/api/auth/login", { method: "POST", json: { username: "admin", password: "a brand new passphrase" } })).status,
    ).toBe(401);
  });
});

describe("two-factor on and off when the audit event cannot be written", () => {
  it("changes nothing: confirming leaves it off, turning off leaves it on with its other codes", async () => {
    const cookie = await login("admin");
    const enrol = await call("/api/me/two-factor", { method: "POST", cookie });
    const { secret } = await enrol.json<{ secret: string }>();
    const confirm = await withFailingWrite("BEFORE INSERT ON audit_events", async () =>
      call("/api/me/two-factor/confirm", { method: "POST", cookie, json: { code: await totpCode(secret) } }),
    );
    await expectServerError(confirm);
    expect(await (await call("/api/me/two-factor", { cookie })).json()).toEqual({ enabled: false, recoveryCodesLeft: 0 });

    const { recoveryCodes } = await enableTwoFactor(cookie);
    const off = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call("/api/me/two-factor", { method: "DELETE", cookie, json: { code: recoveryCodes[0] } }),
    );
    await expectServerError(off);
    expect(await (await call("/api/me/two-factor", { cookie })).json()).toEqual({ enabled: true, recoveryCodesLeft: 9 });
    // (9: checking the code spent it, before the change itself — a recovery code works once, whatever follows.)
  });
});
