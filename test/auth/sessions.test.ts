import { beforeAll, describe, expect, it } from "vitest";
import { publicSessionId } from "../../src/services/auth/sessions";
import { call, createKey, createUser, env, expectError, PASSWORD, sessionCookie, setupAdmin } from "../helpers";

interface ListedSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  country: string | null;
}

async function signInWith(username: string, userAgent: string) {
  const response = await call("/api/auth/login", {
    method: "POST",
    headers: { "user-agent": userAgent },
    json: { username, password: PASSWORD },
  });
  expect(response.status).toBe(200);
  return sessionCookie(response);
}

async function sessionsOf(cookie: string) {
  const response = await call("/api/me/sessions", { cookie });
  expect(response.status).toBe(200);
  return (await response.json<{ sessions: ListedSession[] }>()).sessions;
}

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("GET /api/me/sessions", () => {
  it("lists bob's sessions with user agent and times, the current one marked", async () => {
    await createUser(admin.cookie, "bob");
    const laptop = await signInWith("bob", "Firefox on the laptop");
    await signInWith("bob", "Pinepods phone\t app");
    const listed = await sessionsOf(laptop);
    const mine = listed.filter((s) => s.userAgent !== null);
    expect(mine.map((s) => s.userAgent).sort()).toEqual(["Firefox on the laptop", "Pinepods phone app"]);
    expect(listed.filter((s) => s.current)).toEqual([expect.objectContaining({ userAgent: "Firefox on the laptop" })]);
    for (const s of listed) {
      expect(s.id).toMatch(/^[0-9a-f]{16}$/);
      expect(Date.parse(s.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
      expect(s).toHaveProperty("country");
    }
  });

  it("never shows the stored session hash, and its public id does not authenticate", async () => {
    const carol = await createUser(admin.cookie, "carol");
    const [row] = (
      await env.DB.prepare("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'carol'").all<{ id: string }>()
    ).results;
    const listed = await sessionsOf(carol.cookie);
    expect(JSON.stringify(listed)).not.toContain(row!.id);
    expect(listed[0]!.id).toBe(await publicSessionId(row!.id));
    await expectError(await call("/api/me", { cookie: `podkeys_session=${listed[0]!.id}` }), 401, "UNAUTHENTICATED");
  });
});

describe("DELETE /api/me/sessions/{id}", () => {
  it("ends bob's phone session at once, and leaves the laptop signed in", async () => {
    await createUser(admin.cookie, "dora");
    const laptop = await signInWith("dora", "laptop");
    const phone = await signInWith("dora", "phone");
    const phoneId = (await sessionsOf(laptop)).find((s) => s.userAgent === "phone")!.id;
    expect((await call(`/api/me/sessions/${phoneId}`, { method: "DELETE", cookie: laptop })).status).toBe(204);
    await expectError(await call("/api/me", { cookie: phone }), 401, "UNAUTHENTICATED");
    expect((await call("/api/me", { cookie: laptop })).status).toBe(200);
    await expectError(await call(`/api/me/sessions/${phoneId}`, { method: "DELETE", cookie: laptop }), 404, "NOT_FOUND");
  });

  it("cannot end another user's session (404, like a missing one)", async () => {
    const erin = await createUser(admin.cookie, "erin");
    const erinsId = (await sessionsOf(erin.cookie))[0]!.id;
    await expectError(await call(`/api/me/sessions/${erinsId}`, { method: "DELETE", cookie: admin.cookie }), 404, "NOT_FOUND");
    expect((await call("/api/me", { cookie: erin.cookie })).status).toBe(200);
  });

  it("refuses malformed ids with 400", async () => {
    await expectError(await call("/api/me/sessions/not-an-id", { method: "DELETE", cookie: admin.cookie }), 400, "VALIDATION_ERROR");
  });
});

describe("DELETE /api/me/sessions (sign out everywhere else)", () => {
  it("ends every other session and keeps this one", async () => {
    await createUser(admin.cookie, "fred");
    const here = await signInWith("fred", "here");
    const elsewhere = [await signInWith("fred", "tablet"), await signInWith("fred", "phone")];
    const response = await call("/api/me/sessions", { method: "DELETE", cookie: here });
    expect(await response.json()).toEqual({ ended: 3 }); // createUser's sign-in too
    for (const cookie of elsewhere) await expectError(await call("/api/me", { cookie }), 401, "UNAUTHENTICATED");
    expect((await sessionsOf(here)).map((s) => s.current)).toEqual([true]);
  });
});

describe("sessions with a key", () => {
  it("answers 403 SESSION_REQUIRED to a key, even a full-scope one", async () => {
    const { key } = await createKey(admin.cookie, "full", { scope: "full" });
    await expectError(await call("/api/me/sessions", { key }), 403, "SESSION_REQUIRED");
    await expectError(await call("/api/me/sessions", { method: "DELETE", key }), 403, "SESSION_REQUIRED");
    await expectError(await call("/api/me/sessions/0123456789abcdef", { method: "DELETE", key }), 403, "SESSION_REQUIRED");
  });
});
