import { beforeAll, describe, expect, it } from "vitest";
import { STEP_UP_WINDOW_MS } from "../../src/identity/step-up";
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

  it("asks again before a session rolls a key that may manage keys; a narrower key and a key caller are not asked", async () => {
    expect((await reauthenticate(admin.cookie, { password: PASSWORD })).status).toBe(200);
    const gina = await createUser(admin.cookie, "gina");
    const manager = await createKey(gina.cookie, "gina's manager", { scope: "full" });
    const script = await createKey(gina.cookie, "gina's script", { scope: "full" });
    const player = await createKey(gina.cookie, "gina's player", { scope: "read" });
    await ageSession(gina.id);
    const roll = (keyId: number, auth: { cookie?: string; key?: string } = { cookie: gina.cookie }) =>
      call(`/api/keys/${keyId}/roll`, { method: "POST", ...auth, json: {} });
    // A roll hands out a fresh plaintext with the old key's permissions: for a full key, as strong as creating one.
    await expectError(await roll(manager.apiKey.id), 403, "REAUTHENTICATION_REQUIRED");
    const keys = async () =>
      (await (await call("/api/keys", { cookie: gina.cookie })).json<{ keys: { name: string; replacedById: number | null }[] }>()).keys;
    expect((await keys()).length).toBe(3);
    expect((await keys()).every((key) => key.replacedById === null)).toBe(true);
    // An administrator's session rolling someone's full key is asked too.
    await ageSession(admin.id);
    await expectError(await roll(manager.apiKey.id, { cookie: admin.cookie }), 403, "REAUTHENTICATION_REQUIRED");
    // A read key manages nothing; a key caller is a credential of its own (as for creation).
    expect((await roll(player.apiKey.id)).status).toBe(201);
    expect((await roll(script.apiKey.id, { key: manager.key })).status).toBe(201);
    expect((await reauthenticate(gina.cookie, { password: PASSWORD })).status).toBe(200);
    expect((await roll(manager.apiKey.id)).status).toBe(201);
  });

  it("asks again before a session re-enables a disabled key that may manage keys; disabling is not asked", async () => {
    expect((await reauthenticate(admin.cookie, { password: PASSWORD })).status).toBe(200);
    const hank = await createUser(admin.cookie, "hank");
    const manager = await createKey(hank.cookie, "hank's manager", { scope: "full" });
    const player = await createKey(hank.cookie, "hank's player", { scope: "read" });
    await ageSession(hank.id);
    const setEnabled = (keyId: number, enabled: boolean) =>
      call(`/api/keys/${keyId}`, { method: "PATCH", cookie: hank.cookie, json: { enabled } });
    // Switching a key off only takes power away: never asked.
    expect((await setEnabled(manager.apiKey.id, false)).status).toBe(200);
    expect((await setEnabled(player.apiKey.id, false)).status).toBe(200);
    await expectError(await setEnabled(manager.apiKey.id, true), 403, "REAUTHENTICATION_REQUIRED");
    // Still off: the refused request changed nothing.
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key: manager.key } })).json()).toMatchObject({ valid: false });
    expect((await setEnabled(player.apiKey.id, true)).status).toBe(200);
    expect((await reauthenticate(hank.cookie, { password: PASSWORD })).status).toBe(200);
    expect((await setEnabled(manager.apiKey.id, true)).status).toBe(200);
  });

  it("asks an administrator's session again before creating a user, or changing a user's password, two-factor, role or existence", async () => {
    expect((await reauthenticate(admin.cookie, { password: PASSWORD })).status).toBe(200);
    const ivy = await createUser(admin.cookie, "ivy");
    await enableTwoFactor(ivy.cookie);
    await ageSession(admin.id);
    const asAdmin = (path: string, init: { method: string; json?: unknown }) => call(path, { ...init, cookie: admin.cookie });
    const refused = [
      () => asAdmin("/api/users", { method: "POST", json: { username: "mallory", password: PASSWORD, role: "admin" } }),
      () => asAdmin(`/api/users/${ivy.id}/password`, { method: "POST", json: { newPassword: "a thief's new password" } }),
      () => asAdmin(`/api/users/${ivy.id}/two-factor`, { method: "DELETE" }),
      () => asAdmin(`/api/users/${ivy.id}`, { method: "PATCH", json: { role: "admin" } }),
      () => asAdmin(`/api/users/${ivy.id}`, { method: "DELETE" }),
    ];
    for (const request of refused) await expectError(await request(), 403, "REAUTHENTICATION_REQUIRED");
    // Nothing changed: ivy is still a user with two-factor on, her session still good, no mallory.
    const users = (
      await (await asAdmin("/api/users", { method: "GET" })).json<{ users: { username: string; role: string; twoFactor: boolean }[] }>()
    ).users;
    expect(users.find((user) => user.username === "mallory")).toBeUndefined();
    expect(users.find((user) => user.username === "ivy")).toMatchObject({ role: "user", twoFactor: true });
    expect((await call("/api/me", { cookie: ivy.cookie })).status).toBe(200);
    // After the password, each goes through.
    expect((await reauthenticate(admin.cookie, { password: PASSWORD })).status).toBe(200);
    expect((await asAdmin(`/api/users/${ivy.id}`, { method: "PATCH", json: { role: "admin" } })).status).toBe(200);
    expect((await asAdmin(`/api/users/${ivy.id}`, { method: "PATCH", json: { role: "user" } })).status).toBe(200);
    expect((await asAdmin(`/api/users/${ivy.id}/two-factor`, { method: "DELETE" })).status).toBe(204);
    expect(
      (await asAdmin(`/api/users/${ivy.id}/password`, { method: "POST", json: { newPassword: "another long password" } })).status,
    ).toBe(204);
    expect((await asAdmin("/api/users", { method: "POST", json: { username: "jo", password: PASSWORD } })).status).toBe(201);
    expect((await asAdmin(`/api/users/${ivy.id}`, { method: "DELETE" })).status).toBe(204);
  });

  it("documents 403 REAUTHENTICATION_REQUIRED on every operation that asks for step-up", async () => {
    type Operation = { responses: Record<string, { description: string }> };
    const doc = await (await call("/api/openapi.json")).json<{ paths: Record<string, Record<string, Operation>> }>();
    const asks = (path: string, method: string) =>
      doc.paths[path]?.[method]?.responses["403"]?.description.includes("REAUTHENTICATION_REQUIRED");
    const stepUp = [
      ["/api/me/two-factor", "post"],
      ["/api/me/two-factor", "delete"],
      ["/api/me/origin", "put"],
      ["/api/me/origin", "delete"],
      ["/api/keys", "post"],
      ["/api/keys/{id}/roll", "post"],
      ["/api/keys/{id}", "patch"],
      ["/api/users", "post"],
      ["/api/users/{id}", "patch"],
      ["/api/users/{id}", "delete"],
      ["/api/users/{id}/password", "post"],
      ["/api/users/{id}/two-factor", "delete"],
    ] as const;
    for (const [path, method] of stepUp) expect(asks(path, method), `${method} ${path}`).toBe(true);
    expect(asks("/api/keys/{id}", "delete"), "delete /api/keys/{id}").toBe(false);
  });
});
