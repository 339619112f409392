import { beforeAll, describe, expect, it } from "vitest";
import { call, createUser, expectServerError, login, PASSWORD, rows, setupAdmin, withFailingWrite } from "../helpers";

// Account writes of more than one statement commit with their audit event, or not at all.
// Limiters count every login here; each test signs in as its own user.

let adminCookie: string;
beforeAll(async () => {
  adminCookie = (await setupAdmin()).cookie;
});

describe("DELETE /api/me/sessions[/{id}] when the audit event cannot be written", () => {
  it("ends nothing and answers 503: every session still works", async () => {
    const { cookie } = await createUser(adminCookie, "bob");
    const second = await login("bob");
    const third = await login("bob");
    const before = await rows("SELECT id FROM sessions");
    const others = await withFailingWrite("BEFORE INSERT ON audit_events", () => call("/api/me/sessions", { method: "DELETE", cookie }));
    expect(others.status).toBe(503);
    await expectServerError(others);
    const list = await (await call("/api/me/sessions", { cookie })).json<{ sessions: { id: string; current: boolean }[] }>();
    const one = list.sessions.find((s) => !s.current)!;
    const single = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call(`/api/me/sessions/${one.id}`, { method: "DELETE", cookie }),
    );
    expect(single.status).toBe(503);
    expect(await rows("SELECT id FROM sessions")).toEqual(before);
    for (const session of [second, third]) expect((await call("/api/me", { cookie: session })).status).toBe(200);
  });

  it("records each ending with the number of sessions it ended", async () => {
    const { cookie } = await createUser(adminCookie, "carol");
    await login("carol");
    const response = await call("/api/me/sessions", { method: "DELETE", cookie });
    const { ended } = await response.json<{ ended: number }>();
    expect(ended).toBeGreaterThan(0);
    const [event] = await rows<{ detail: string }>("SELECT detail FROM audit_events WHERE type = 'session.ended' ORDER BY id DESC LIMIT 1");
    expect(event!.detail).toBe(`all other sessions (${ended})`);
    // Nothing left to end: no event.
    const count = (await rows("SELECT id FROM audit_events WHERE type = 'session.ended'")).length;
    await call("/api/me/sessions", { method: "DELETE", cookie });
    expect(await rows("SELECT id FROM audit_events WHERE type = 'session.ended'")).toHaveLength(count);
  });
});

describe("POST /api/me/password", () => {
  it("records user.password_changed in the same transaction as the change", async () => {
    const { cookie } = await createUser(adminCookie, "dave");
    const failed = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call("/api/me/password", { method: "POST", cookie, json: { currentPassword: PASSWORD, newPassword: "another long passphrase" } }),
    );
    await expectServerError(failed);
    expect((await call("/api/auth/login", { method: "POST", json: { username: "dave", password: PASSWORD } })).status).toBe(200);
    const ok = await call("/api/me/password", {
      method: "POST",
      cookie,
      json: { currentPassword: PASSWORD, newPassword: "another long passphrase" },
    });
    expect(ok.status).toBe(204);
    expect(await rows("SELECT actor_username, target_name FROM audit_events WHERE type = 'user.password_changed'")).toEqual([
      { actor_username: "dave", target_name: "dave" },
    ]);
  });
});
