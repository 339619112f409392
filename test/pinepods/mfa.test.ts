import { beforeAll, describe, expect, it } from "vitest";
import { call, createUser, enableTwoFactor, env, setupAdmin, totpCode } from "../helpers";

const basic = (username: string, password = "correct horse battery") => ({ authorization: `Basic ${btoa(`${username}:${password}`)}` });
const keyCount = async (userId: number) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE user_id = ?").bind(userId).first<number>("n"))!;
const verify = (mfa_session_token: string, mfa_code: string) =>
  call("/api/data/verify_mfa_and_get_key", { method: "POST", json: { mfa_session_token, mfa_code } });

let bob: { cookie: string; id: number };
let secret: string;
let recoveryCodes: string[];
beforeAll(async () => {
  const admin = await setupAdmin();
  bob = await createUser(admin.cookie, "bob");
  ({ secret, recoveryCodes } = await enableTwoFactor(bob.cookie));
});

async function getKey() {
  const response = await call("/api/data/get_key", { headers: basic("bob") });
  expect(response.status).toBe(200);
  return response.json<{
    status: string;
    retrieved_key: string | null;
    mfa_required: boolean;
    user_id: number;
    mfa_session_token: string;
  }>();
}

describe("GET /api/data/get_key for a user with two-factor on", () => {
  it("answers mfa_required with a session token, and mints no key", async () => {
    const before = await keyCount(bob.id);
    const body = await getKey();
    expect(body).toEqual({
      status: "mfa_required",
      retrieved_key: null,
      mfa_required: true,
      user_id: bob.id,
      mfa_session_token: expect.any(String),
    });
    expect(await keyCount(bob.id)).toBe(before);
  });

  it("mints nothing for HEAD", async () => {
    const before = await keyCount(bob.id);
    const response = await call("/api/data/get_key", { method: "HEAD", headers: basic("bob") });
    expect(response.status).toBe(405);
    expect(await keyCount(bob.id)).toBe(before);
  });
});

describe("POST /api/data/verify_mfa_and_get_key", () => {
  it("hands a working key for the TOTP code; the same session token is refused afterwards", async () => {
    const { mfa_session_token } = await getKey();
    const wrongCode = await verify(mfa_session_token, "000000" === (await totpCode(secret, 1)) ? "000001" : "000000");
    expect(await wrongCode.json()).toEqual({ status: "invalid_code", retrieved_key: null, verified: false });
    const ok = await verify(mfa_session_token, await totpCode(secret, 1));
    const body = await ok.json<{ status: string; retrieved_key: string; verified: boolean }>();
    expect(body).toEqual({ status: "success", retrieved_key: expect.stringMatching(/^podk_[0-9A-Za-z]{49}$/), verified: true });
    const me = await call("/api/data/get_user", { headers: { "api-key": body.retrieved_key } });
    expect(await me.json()).toEqual({ status: "success", retrieved_id: bob.id });
    expect(await (await verify(mfa_session_token, recoveryCodes[0]!)).json()).toEqual({
      status: "session_expired",
      retrieved_key: null,
      verified: false,
    });
  });

  it("answers session_expired for an unknown or expired token", async () => {
    expect(await (await verify("made-up-token", "123456")).json()).toEqual({
      status: "session_expired",
      retrieved_key: null,
      verified: false,
    });
    const { mfa_session_token } = await getKey();
    await env.DB.prepare("UPDATE mfa_challenges SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() - 1, bob.id)
      .run();
    expect(await (await verify(mfa_session_token, recoveryCodes[1]!)).json()).toMatchObject({ status: "session_expired", verified: false });
  });

  it("does not accept a sign-in form's mfa token (and the reverse)", async () => {
    const login = await call("/api/auth/login", { method: "POST", json: { username: "bob", password: "correct horse battery" } });
    const { mfaToken } = await login.json<{ mfaToken: string }>();
    expect(await (await verify(mfaToken, recoveryCodes[2]!)).json()).toMatchObject({ status: "session_expired" });
    const { mfa_session_token } = await getKey();
    const cross = await call("/api/auth/login/two-factor", {
      method: "POST",
      json: { mfaToken: mfa_session_token, code: recoveryCodes[2]! },
    });
    expect(cross.status).toBe(401);
  });
});
