import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, call, createKey, createUser, env, expectError, login, PASSWORD, setupAdmin } from "../helpers";

let admin: { cookie: string; id: number };
let user: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("root");
  user = await createUser(admin.cookie, "dana");
});

describe("GET /api/users", () => {
  it("lists every user for an admin, without password hashes", async () => {
    const response = await apiClient({ cookie: admin.cookie }).users.$get();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text).users).toEqual(
      expect.arrayContaining([
        { id: admin.id, username: "root", role: "admin", twoFactor: false, fromPinepods: false },
        { id: user.id, username: "dana", role: "user", twoFactor: false, fromPinepods: false },
      ]),
    );
    expect(text).not.toMatch(/password|pbkdf2/i);
  });

  it("is forbidden to standard users and to keys, even an admin's", async () => {
    await expectError(await apiClient({ cookie: user.cookie }).users.$get(), 403, "FORBIDDEN");
    const { key } = await createKey(admin.cookie, "admin script");
    await expectError(await apiClient({ key }).users.$get(), 403, "SESSION_REQUIRED");
    await expectError(await apiClient().users.$get(), 401, "UNAUTHENTICATED");
  });
});

describe("POST /api/users", () => {
  it("creates a user who can sign in", async () => {
    const response = await apiClient({ cookie: admin.cookie }).users.$post({ json: { username: "erin", password: PASSWORD } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ user: { username: "erin", role: "user" } });
    expect(await login("erin")).toMatch(/^podkeys_session=/);
  });

  it("refuses a username that differs only in case with 409", async () => {
    const response = await apiClient({ cookie: admin.cookie }).users.$post({ json: { username: "DANA", password: PASSWORD } });
    await expectError(response, 409, "USERNAME_TAKEN");
  });

  it("validates username, password and role", async () => {
    for (const body of [
      { username: "", password: PASSWORD },
      { username: "a b", password: PASSWORD },
      { username: "frank", password: "short" },
      { username: "frank", password: "x".repeat(1025) },
      { username: "frank", password: PASSWORD, role: "superuser" },
    ]) {
      await expectError(await call("/api/users", { method: "POST", cookie: admin.cookie, json: body }), 400, "VALIDATION_ERROR");
    }
  });

  it("is admin only", async () => {
    await expectError(
      await call("/api/users", { method: "POST", cookie: user.cookie, json: { username: "sneaky", password: PASSWORD, role: "admin" } }),
      403,
      "FORBIDDEN",
    );
  });
});

describe("PATCH /api/users/{id}", () => {
  it("changes a role, and the new role takes effect for the user's keys at once", async () => {
    const gus = await createUser(admin.cookie, "gus");
    const { key } = await createKey(gus.cookie, "gus script");
    const users = apiClient({ cookie: admin.cookie }).users;
    const response = await users[":id"].$patch({ param: { id: String(gus.id) }, json: { role: "admin" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: gus.id, username: "gus", role: "admin" } });
    expect(await (await apiClient({ key }).me.$get()).json()).toMatchObject({ user: { role: "admin" } });
    expect((await users[":id"].$patch({ param: { id: String(gus.id) }, json: { role: "user" } })).status).toBe(200);
  });

  it("will not demote the last admin", async () => {
    await expectError(
      await call(`/api/users/${admin.id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "user" } }),
      409,
      "LAST_ADMIN",
    );
    expect(await (await call("/api/me", { cookie: admin.cookie })).json()).toMatchObject({ user: { role: "admin" } });
  });

  it("answers 404 for an unknown user and 400 for a bad role or id", async () => {
    await expectError(await call("/api/users/99999", { method: "PATCH", cookie: admin.cookie, json: { role: "user" } }), 404, "NOT_FOUND");
    await expectError(
      await call(`/api/users/${user.id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "root" } }),
      400,
      "VALIDATION_ERROR",
    );
    await expectError(
      await call("/api/users/abc", { method: "PATCH", cookie: admin.cookie, json: { role: "user" } }),
      400,
      "VALIDATION_ERROR",
    );
  });

  it("is admin only", async () => {
    await expectError(
      await call(`/api/users/${user.id}`, { method: "PATCH", cookie: user.cookie, json: { role: "admin" } }),
      403,
      "FORBIDDEN",
    );
  });
});

describe("DELETE /api/users/{id}", () => {
  it("deletes the user with their keys and sessions", async () => {
    const hal = await createUser(admin.cookie, "hal");
    const { key } = await createKey(hal.cookie, "hal's key");
    expect((await apiClient({ cookie: admin.cookie }).users[":id"].$delete({ param: { id: String(hal.id) } })).status).toBe(204);
    await expectError(await call("/api/me", { key }), 401, "INVALID_KEY");
    await expectError(await call("/api/me", { cookie: hal.cookie }), 401, "UNAUTHENTICATED");
    const left = await env.DB.prepare(
      "SELECT (SELECT count(*) FROM api_keys WHERE user_id = ?1) + (SELECT count(*) FROM sessions WHERE user_id = ?1) AS n",
    )
      .bind(hal.id)
      .first<number>("n");
    expect(left).toBe(0);
  });

  it("will not delete the last admin", async () => {
    await expectError(await call(`/api/users/${admin.id}`, { method: "DELETE", cookie: admin.cookie }), 409, "LAST_ADMIN");
  });

  it("lets an admin be deleted when another admin remains", async () => {
    const ivy = await createUser(admin.cookie, "ivy", "admin");
    expect((await call(`/api/users/${ivy.id}`, { method: "DELETE", cookie: admin.cookie })).status).toBe(204);
  });

  it("answers 404 for an unknown user, and is admin only", async () => {
    await expectError(await call("/api/users/99999", { method: "DELETE", cookie: admin.cookie }), 404, "NOT_FOUND");
    await expectError(await call(`/api/users/${admin.id}`, { method: "DELETE", cookie: user.cookie }), 403, "FORBIDDEN");
  });
});
