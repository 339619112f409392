import { beforeAll, describe, expect, it } from "vitest";
import { vaultKeyId } from "../../src/lib/vault";
import { apiKey, linkedUser, ORIGIN_URL, ORIGIN_USERS } from "../gateway/support";
import {
  callWith,
  createKey,
  createUser,
  enableTwoFactor,
  env,
  expectError,
  login,
  PASSWORD,
  rows,
  setupAdmin,
  totpCode,
} from "../helpers";

// The suite's VAULT_KEY (vitest.config.ts) seals everything first; then the deployment "restarts" with
// a new key, the old one as VAULT_KEY_PREVIOUS, or without the old one at all.
const OLD = env.VAULT_KEY!;
const NEW = "rotated-vault-key-fedcba9876543210fedcba9876543210";
const rotated = { VAULT_KEY: NEW, VAULT_KEY_PREVIOUS: `some-older-key-000000000000000000, ${OLD}` };
const oldGone = { VAULT_KEY: NEW, VAULT_KEY_PREVIOUS: "" };
const NO_LIMITERS = { SIGN_IN_USER_LIMITER: undefined, SIGN_IN_ADDRESS_LIMITER: undefined };

async function signInWithCode(bindings: Partial<Cloudflare.Env>, username: string, code: string) {
  const first = await callWith({ ...NO_LIMITERS, ...bindings }, "/api/auth/login", {
    method: "POST",
    json: { username, password: PASSWORD },
  });
  const { mfaToken } = await first.json<{ mfaToken: string }>();
  return callWith({ ...NO_LIMITERS, ...bindings }, "/api/auth/login/two-factor", { method: "POST", json: { mfaToken, code } });
}
const secretKeyId = async (userId: number) =>
  (await rows<{ s: string }>("SELECT two_factor_secret AS s FROM users WHERE id = ?", userId))[0]!.s.split(".")[1];
const gatewayCall = (key: string, bindings: Partial<Cloudflare.Env>) =>
  callWith({ ORIGIN_URL, ...bindings }, "/api/data/return_pods/8", { headers: apiKey(key) });

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("VAULT_KEY rotation", () => {
  it("two-factor: a secret sealed under the previous key still signs in, and is re-sealed under the new one on use", async () => {
    const bob = await createUser(admin.cookie, "bob");
    const { secret } = await enableTwoFactor(bob.cookie);
    expect(await secretKeyId(bob.id)).toBe(await vaultKeyId(OLD));

    // Without the old key: 503 VAULT_KEY_MISMATCH in the error shape, never a 500.
    const mismatch = await signInWithCode(oldGone, "bob", await totpCode(secret, 1));
    await expectError(mismatch, 503, "VAULT_KEY_MISMATCH");
    expect(mismatch.headers.get("retry-after")).toMatch(/^\d+$/);
    const off = await callWith(oldGone, "/api/me/two-factor", {
      method: "DELETE",
      cookie: bob.cookie,
      json: { code: await totpCode(secret, 1) },
    });
    await expectError(off, 503, "VAULT_KEY_MISMATCH");

    const ok = await signInWithCode(rotated, "bob", await totpCode(secret, 1));
    expect(ok.status).toBe(200);
    expect(await secretKeyId(bob.id)).toBe(await vaultKeyId(NEW));
  });

  it("the gateway: an origin key sealed under the previous key still forwards; without it, 503 VAULT_KEY_MISMATCH", async () => {
    const carol = await linkedUser(admin.cookie, "ann");
    const { key } = await createKey(carol.cookie, "app", { scope: "full" });
    await expectError(await gatewayCall(key, oldGone), 503, "VAULT_KEY_MISMATCH");
    expect((await gatewayCall(key, rotated)).status).toBe(200);
    const [link] = await rows<{ vault_key_id: string }>("SELECT vault_key_id FROM origin_links WHERE user_id = ?", carol.id);
    expect(link!.vault_key_id).toBe(await vaultKeyId(NEW)); // re-sealed on use (callWith waited for it)
    expect((await gatewayCall(key, oldGone)).status).toBe(200);
  });

  it("POST /api/admin/vault/reseal re-seals what is left and reports counts; administrators only", async () => {
    // Sealed under the old key (the suite's own VAULT_KEY): a new enrolment and a new link.
    const dave = await createUser(admin.cookie, "dave");
    await enableTwoFactor(dave.cookie);
    // An origin link sealed under the old key again (relinking seals under the suite's VAULT_KEY).
    const relink = await callWith({ ORIGIN_URL }, "/api/me/origin", {
      method: "PUT",
      cookie: await login("ann"),
      json: { username: "ann", password: ORIGIN_USERS.ann.password },
    });
    expect(relink.status).toBe(200);
    const standard = await createUser(admin.cookie, "erin");
    await expectError(await callWith(rotated, "/api/admin/vault/reseal", { method: "POST", cookie: standard.cookie }), 403, "FORBIDDEN");
    const before = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM users WHERE two_factor_secret LIKE 'v1.' || ? || '.%'",
      await vaultKeyId(OLD),
    );
    expect(before[0]!.n).toBeGreaterThan(0);
    const response = await callWith(rotated, "/api/admin/vault/reseal", { method: "POST", cookie: admin.cookie });
    expect(response.status).toBe(200);
    const report = await response.json<{ twoFactorSecrets: { resealed: number; unreadable: number }; originKeys: { resealed: number } }>();
    expect(report.twoFactorSecrets).toEqual({ resealed: before[0]!.n, unreadable: 0 });
    expect(report.originKeys).toEqual({ resealed: 1, unreadable: 0 });
    expect(await rows("SELECT id FROM users WHERE two_factor_secret LIKE 'v1.' || ? || '.%'", await vaultKeyId(OLD))).toEqual([]);
    expect(await rows("SELECT user_id FROM origin_links WHERE vault_key_id = ?", await vaultKeyId(OLD))).toEqual([]);
    const again = await (await callWith(rotated, "/api/admin/vault/reseal", { method: "POST", cookie: admin.cookie })).json();
    expect(again).toMatchObject({ twoFactorSecrets: { resealed: 0 }, originKeys: { resealed: 0 } });
    expect(await rows("SELECT detail FROM audit_events WHERE type = 'vault.resealed'")).toHaveLength(2);
  });
});
