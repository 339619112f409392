import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, createKey, createUser, enableTwoFactor, env, expectError, login, PASSWORD, setupAdmin } from "../helpers";

const NEW_PASSWORD = "a brand new password";
let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

const reset = (id: number, init: Parameters<typeof call>[1]) =>
  call(`/api/users/${id}/password`, { method: "POST", ...init, json: { newPassword: NEW_PASSWORD } });

describe("POST /api/users/{id}/password", () => {
  it("sets bob's password: his sessions end at once, the old password fails, the new one works", async () => {
    const bob = await createUser(admin.cookie, "bob");
    const phone = await login("bob");
    expect((await reset(bob.id, { cookie: admin.cookie })).status).toBe(204);
    for (const cookie of [bob.cookie, phone]) await expectError(await call("/api/me", { cookie }), 401, "UNAUTHENTICATED");
    await expectError(
      await call("/api/auth/login", { method: "POST", json: { username: "bob", password: PASSWORD } }),
      401,
      "INVALID_CREDENTIALS",
    );
    expect(await login("bob", NEW_PASSWORD)).toMatch(/^podkeys_session=/);
    const event = await env.DB.prepare("SELECT actor_id, detail FROM audit_events WHERE type = 'user.password_reset' AND target_id = ?")
      .bind(bob.id)
      .first();
    expect(event).toEqual({ actor_id: admin.id, detail: null });
  });

  it("ends a sign-in waiting for its second factor", async () => {
    const cleo = await createUser(admin.cookie, "cleo");
    await enableTwoFactor(cleo.cookie);
    const { mfaToken } = await (await call("/api/auth/login", { method: "POST", json: { username: "cleo", password: PASSWORD } })).json<{
      mfaToken: string;
    }>();
    expect((await reset(cleo.id, { cookie: admin.cookie })).status).toBe(204);
    await expectError(
      await call("/api/auth/login/two-factor", { method: "POST", json: { mfaToken, code: "123456" } }),
      401,
      "INVALID_MFA_TOKEN",
    );
  });

  it("changes nothing when one statement of the batch fails (all or nothing)", async () => {
    const dina = await createUser(admin.cookie, "dina");
    await env.DB.prepare("CREATE TRIGGER fail_session_delete BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'injected'); END").run();
    try {
      const response = await reset(dina.id, { cookie: admin.cookie });
      expect(response.status).toBe(503);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_session_delete").run();
    }
    expect((await call("/api/me", { cookie: dina.cookie })).status).toBe(200);
    expect(await login("dina")).toMatch(/^podkeys_session=/);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'user.password_reset' AND target_id = ?")
        .bind(dina.id)
        .first("n"),
    ).toBe(0);
  });

  it("is for admins with a session only: a key, even an admin's full-scope key, cannot reset passwords", async () => {
    const erin = await createUser(admin.cookie, "erin");
    const { key } = await createKey(admin.cookie, "admin full", { scope: "full" });
    await expectError(await reset(erin.id, { key }), 403, "SESSION_REQUIRED");
    await expectError(await reset(admin.id, { cookie: erin.cookie }), 403, "FORBIDDEN");
    await expectError(await reset(99999, { cookie: admin.cookie }), 404, "NOT_FOUND");
    await expectError(
      await call(`/api/users/${erin.id}/password`, { method: "POST", cookie: admin.cookie, json: { newPassword: "short" } }),
      400,
      "VALIDATION_ERROR",
    );
    expect(await login("erin")).toMatch(/^podkeys_session=/);
  });
});

describe("DELETE /api/users/{id}/two-factor", () => {
  it("turns off a user's two-factor: their sessions end, the password alone signs in again", async () => {
    const finn = await createUser(admin.cookie, "finn");
    await enableTwoFactor(finn.cookie);
    const listed = async () =>
      (await (await call("/api/users", { cookie: admin.cookie })).json<{ users: Array<{ username: string; twoFactor: boolean }> }>()).users;
    expect((await listed()).find((u) => u.username === "finn")?.twoFactor).toBe(true);
    expect((await call(`/api/users/${finn.id}/two-factor`, { method: "DELETE", cookie: admin.cookie })).status).toBe(204);
    await expectError(await call("/api/me", { cookie: finn.cookie }), 401, "UNAUTHENTICATED");
    expect((await listed()).find((u) => u.username === "finn")?.twoFactor).toBe(false);
    expect(await login("finn")).toMatch(/^podkeys_session=/);
    await expectError(await call(`/api/users/${finn.id}/two-factor`, { method: "DELETE", cookie: admin.cookie }), 409, "CONFLICT");
    await vi.waitFor(async () => {
      expect(
        await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'user.two_factor_reset' AND target_id = ?")
          .bind(finn.id)
          .first("n"),
      ).toBe(1);
    });
  });
});
