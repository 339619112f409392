import { beforeAll, describe, expect, it } from "vitest";
import { STEP_UP_WINDOW_MS } from "../../src/services/auth/reauthenticate";
import { call, createKey, createUser, enableTwoFactor, env, expectError, PASSWORD, setupAdmin, totpCode } from "../helpers";

/** The session's last proof moved back, as if 10 minutes and a second had passed since the sign-in. */
async function ageSession(userId: number) {
  const long = Date.now() - STEP_UP_WINDOW_MS - 1000;
  await env.DB.prepare("UPDATE sessions SET reauthenticated_at = ? WHERE user_id = ?").bind(long, userId).run();
}
const reauthenticate = (cookie: string, json: unknown) => call("/api/auth/reauthenticate", { method: "POST", cookie, json });

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("step-up for sensitive changes", () => {
  it("refuses turning two-factor on with an old session (403 REAUTHENTICATION_REQUIRED), and allows it after the password", async () => {
    const bob = await createUser(admin.cookie, "bob");
    await ageSession(bob.id);
    await expectError(await call("/api/me/two-factor", { method: "POST", cookie: bob.cookie }), 403, "REAUTHENTICATION_REQUIRED");
    await expectError(await reauthenticate(bob.cookie, { password: "not the password" }), 400, "WRONG_PASSWORD");
    await expectError(await call("/api/me/two-factor", { method: "POST", cookie: bob.cookie }), 403, "REAUTHENTICATION_REQUIRED");
    const ok = await reauthenticate(bob.cookie, { password: PASSWORD });
    expect(ok.status).toBe(200);
    const { until } = await ok.json<{ until: string }>();
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(STEP_UP_WINDOW_MS - 60_000);
    expect((await call("/api/me/two-factor", { method: "POST", cookie: bob.cookie })).status).toBe(200);
  });

  it("asks again for turning two-factor off and for linking or unlinking the podcast server; a TOTP code also proves it", async () => {
    const carol = await createUser(admin.cookie, "carol");
    const { secret } = await enableTwoFactor(carol.cookie);
    await ageSession(carol.id);
    await expectError(
      await call("/api/me/two-factor", { method: "DELETE", cookie: carol.cookie, json: { code: await totpCode(secret, 1) } }),
      403,
      "REAUTHENTICATION_REQUIRED",
    );
    await expectError(
      await call("/api/me/origin", { method: "PUT", cookie: carol.cookie, json: { username: "carol", password: "x" } }),
      403,
      "REAUTHENTICATION_REQUIRED",
    );
    await expectError(await call("/api/me/origin", { method: "DELETE", cookie: carol.cookie }), 403, "REAUTHENTICATION_REQUIRED");
    expect((await reauthenticate(carol.cookie, { code: await totpCode(secret, 1) })).status).toBe(200);
    expect((await call("/api/me/origin", { method: "DELETE", cookie: carol.cookie })).status).toBe(204);
  });

  it("is per session: proving it in one session does not open another", async () => {
    const dave = await createUser(admin.cookie, "dave");
    const other = await call("/api/auth/login", { method: "POST", json: { username: "dave", password: PASSWORD } });
    const otherCookie = other.headers.getSetCookie()[0]!.split(";")[0]!;
    await ageSession(dave.id);
    expect((await reauthenticate(dave.cookie, { password: PASSWORD })).status).toBe(200);
    await expectError(await call("/api/me/two-factor", { method: "POST", cookie: otherCookie }), 403, "REAUTHENTICATION_REQUIRED");
  });

  it("takes exactly one proof, and a code only when two-factor is on", async () => {
    const erin = await createUser(admin.cookie, "erin");
    await expectError(await reauthenticate(erin.cookie, {}), 400, "VALIDATION_ERROR");
    await expectError(await reauthenticate(erin.cookie, { password: PASSWORD, code: "123456" }), 400, "VALIDATION_ERROR");
    await expectError(await reauthenticate(erin.cookie, { code: "123456" }), 409, "CONFLICT");
    await expectError(await call("/api/auth/reauthenticate", { method: "POST", json: { password: PASSWORD } }), 401, "UNAUTHENTICATED");
  });

  it("asks again before a session makes a key that may manage keys or administer; narrower keys and key callers are not asked", async () => {
    const frank = await createUser(admin.cookie, "frank");
    const fullKey = await createKey(frank.cookie, "frank's manager", { scope: "full" });
    await ageSession(frank.id);
    const create = (json: Record<string, unknown>, auth: { cookie?: string; key?: string } = { cookie: frank.cookie }) =>
      call("/api/keys", { method: "POST", ...auth, json: { name: "new", ...json } });
    // `keys: write` manages keys: the full shorthand holds it, explicit permissions may name it; an administrator's `admin` at any level.
    await expectError(await create({ scope: "full" }), 403, "REAUTHENTICATION_REQUIRED");
    await expectError(await create({ permissions: { keys: "write" } }), 403, "REAUTHENTICATION_REQUIRED");
    await ageSession(admin.id);
    await expectError(await create({ permissions: { admin: "read" } }, { cookie: admin.cookie }), 403, "REAUTHENTICATION_REQUIRED");
    await expectError(await create({ scope: "full" }, { cookie: admin.cookie }), 403, "REAUTHENTICATION_REQUIRED");
    // Nothing was made by the refused requests.
    const names = async () =>
      (await (await call("/api/keys", { cookie: frank.cookie })).json<{ keys: { name: string }[] }>()).keys.map((key) => key.name);
    expect(await names()).toEqual(["frank's manager"]);
    // A key that manages nothing needs no new proof: the read shorthand (its `keys: read` only lists), `keys: read`
    // named, a podcast app's groups. Nor does a key caller (a credential of its own).
    expect((await create({ name: "podcast app (read)", scope: "read" })).status).toBe(201);
    expect((await create({ name: "lister", permissions: { keys: "read" } })).status).toBe(201);
    expect((await create({ name: "player", permissions: { podcasts: "read", playback: "write" } })).status).toBe(201);
    expect((await create({ name: "by key", scope: "full" }, { key: fullKey.key })).status).toBe(201);
    // After the password, the session may.
    expect((await reauthenticate(frank.cookie, { password: PASSWORD })).status).toBe(200);
    expect((await create({ name: "manager", scope: "full" })).status).toBe(201);
    expect((await names()).sort()).toEqual(["by key", "frank's manager", "lister", "manager", "player", "podcast app (read)"]);
  });
});
