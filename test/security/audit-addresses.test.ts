import { describe, expect, it } from "vitest";
import { call, callWith, createUser, PASSWORD, setupAdmin } from "../helpers";

interface Event {
  type: string;
  actor: { id: number } | null;
  ip: string | null;
}
const listAs = async (cookie: string) => (await (await call("/api/audit?limit=100", { cookie })).json<{ events: Event[] }>()).events;

describe("addresses in GET /api/audit", () => {
  it("are shown to a standard user only on what they did themselves; administrators see every address", async () => {
    const admin = await setupAdmin();
    const bob = await createUser(admin.cookie, "bob");
    const adminAddress = { "cf-connecting-ip": "203.0.113.9" };
    const reset = await call(`/api/users/${bob.id}/password`, {
      method: "POST",
      cookie: admin.cookie,
      headers: adminAddress,
      json: { newPassword: "a new long passphrase" },
    });
    expect(reset.status).toBe(204);
    await call("/api/auth/login", {
      method: "POST",
      headers: { "cf-connecting-ip": "198.51.100.4" },
      json: { username: "bob", password: PASSWORD },
    });
    const login = await callWith({}, "/api/auth/login", {
      method: "POST",
      headers: { "cf-connecting-ip": "198.51.100.5" },
      json: { username: "bob", password: "a new long passphrase" },
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;

    const bobSees = await listAs(cookie);
    const byOthers = bobSees.filter((event) => event.actor?.id !== bob.id);
    expect(byOthers.map((event) => event.type)).toEqual(expect.arrayContaining(["user.password_reset", "auth.login_failed"]));
    expect(byOthers.map((event) => event.ip)).toEqual(byOthers.map(() => null));
    expect(bobSees.find((event) => event.type === "auth.login")?.ip).toBe("198.51.100.5");

    const adminSees = await listAs(admin.cookie);
    expect(adminSees.find((event) => event.type === "user.password_reset")?.ip).toBe("203.0.113.9");
  });
});
