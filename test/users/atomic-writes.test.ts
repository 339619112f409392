import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectServerError, PASSWORD, rows, setupAdmin, withFailingWrite } from "../helpers";

// Each user change and its audit event are one D1 transaction: neither stays without the other.

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("admin");
});

const auditTypes = async () => (await rows<{ type: string }>("SELECT type FROM audit_events ORDER BY id")).map((r) => r.type);

describe("POST /api/users when its audit event cannot be written", () => {
  it("answers an error and the user does not exist", async () => {
    const response = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call("/api/users", { method: "POST", cookie: admin.cookie, json: { username: "ghost", password: PASSWORD, role: "user" } }),
    );
    await expectServerError(response);
    expect(await rows("SELECT id FROM users WHERE username = 'ghost'")).toEqual([]);
    expect((await call("/api/auth/login", { method: "POST", json: { username: "ghost", password: PASSWORD } })).status).toBe(401);
  });
});

describe("PATCH /api/users/{id} when the role change fails after its audit event", () => {
  it("answers an error, the role is unchanged and no change is recorded", async () => {
    const { id } = await createUser(admin.cookie, "pat");
    const events = await auditTypes();
    const response = await withFailingWrite("BEFORE UPDATE OF role ON users", () =>
      call(`/api/users/${id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "admin" } }),
    );
    await expectServerError(response);
    expect(await rows("SELECT role FROM users WHERE id = ?", id)).toEqual([{ role: "user" }]);
    expect(await auditTypes()).toEqual(events);
  });
});

describe("DELETE /api/users/{id} when the delete fails after its audit event", () => {
  it("answers an error, records no deletion, and the user, their sessions and keys remain", async () => {
    const lee = await createUser(admin.cookie, "lee");
    const { key } = await createKey(lee.cookie, "lee's phone");
    const events = await auditTypes();
    const response = await withFailingWrite("BEFORE DELETE ON users", () =>
      call(`/api/users/${lee.id}`, { method: "DELETE", cookie: admin.cookie }),
    );
    await expectServerError(response);
    expect(await auditTypes()).toEqual(events);
    expect((await call("/api/me", { cookie: lee.cookie })).status).toBe(200);
    expect((await call("/api/me", { key })).status).toBe(200);
  });
});

describe("the last-admin guard inside the transaction", () => {
  it("refuses to delete or demote the last admin with 409 and records no event for the refused change", async () => {
    const events = await auditTypes();
    expect((await call(`/api/users/${admin.id}`, { method: "DELETE", cookie: admin.cookie })).status).toBe(409);
    expect((await call(`/api/users/${admin.id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "user" } })).status).toBe(409);
    expect(await auditTypes()).toEqual(events);
  });
});
