import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { type CallInit, call, callWith, createUser, env, expectError, login, PASSWORD, setupAdmin } from "../helpers";

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("admin");
  await createUser(admin.cookie, "Alice");
});

function token(cookie: string) {
  return cookie.split("=")[1]!;
}

describe("POST /api/auth/login", () => {
  it("signs in and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const response = await call("/api/auth/login", { method: "POST", json: { username: "Alice", password: PASSWORD } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { username: "Alice", role: "user" } });
    const header = response.headers.getSetCookie()[0]!;
    expect(header).toMatch(/^podkeys_session=[A-Za-z0-9_-]{43};/);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).not.toMatch(/Secure/i); // plain http here
  });

  it("marks the cookie Secure on https", async () => {
    const { exports } = await import("cloudflare:workers");
    const response = await exports.default.fetch("https://podkeys.test/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "Alice", password: PASSWORD }),
    });
    expect(response.headers.getSetCookie()[0]).toMatch(/Secure/);
  });

  it("treats usernames case-insensitively", async () => {
    const response = await call("/api/auth/login", { method: "POST", json: { username: "alice", password: PASSWORD } });
    expect(response.status).toBe(200);
  });

  it("gives the same 401 for an unknown user and a wrong password", async () => {
    const wrong = await expectError(
      await call("/api/auth/login", { method: "POST", json: { username: "Alice", password: "wrong password!" } }),
      401,
      "INVALID_CREDENTIALS",
    );
    const unknown = await expectError(
      await call("/api/auth/login", { method: "POST", json: { username: "nobody", password: PASSWORD } }),
      401,
      "INVALID_CREDENTIALS",
    );
    expect(unknown).toEqual(wrong);
  });

  it("rejects a malformed body with 400", async () => {
    await expectError(await call("/api/auth/login", { method: "POST", json: { username: "Alice" } }), 400, "VALIDATION_ERROR");
    await expectError(
      await call("/api/auth/login", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }),
      400,
      "MALFORMED_JSON",
    );
  });

  it("stores only the SHA-256 of the session token", async () => {
    const cookie = await login("Alice");
    const rows = await env.DB.prepare("SELECT id FROM sessions").all<{ id: string }>();
    const ids = rows.results.map((r) => r.id);
    expect(ids).toContain(await sha256Hex(token(cookie)));
    expect(ids).not.toContain(token(cookie));
  });
});

describe("sessions", () => {
  it("refuses an expired session and deletes it", async () => {
    const cookie = await login("Alice");
    const id = await sha256Hex(token(cookie));
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, id)
      .run();
    await expectError(await call("/api/me", { cookie }), 401, "UNAUTHENTICATED");
    expect(await env.DB.prepare("SELECT 1 FROM sessions WHERE id = ?").bind(id).first()).toBeNull();
  });

  it("slides the expiry forward at most once an hour", async () => {
    const cookie = await login("Alice");
    const id = await sha256Hex(token(cookie));
    const expiresAt = () => env.DB.prepare("SELECT expires_at AS e FROM sessions WHERE id = ?").bind(id).first<number>("e");
    const fresh = await expiresAt();
    const me = await call("/api/me", { cookie });
    expect(me.headers.getSetCookie()).toEqual([]); // fresh session: no rewrite
    expect(await expiresAt()).toBe(fresh);

    const twoHoursOld = fresh! - 2 * 60 * 60 * 1000;
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?").bind(twoHoursOld, id).run();
    const refreshed = await call("/api/me", { cookie });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.getSetCookie()[0]).toMatch(/^podkeys_session=/);
    expect(await expiresAt()).toBeGreaterThan(twoHoursOld + 60 * 60 * 1000);
  });

  it("ignores a forged cookie", async () => {
    await expectError(await call("/api/me", { cookie: "podkeys_session=forged" }), 401, "UNAUTHENTICATED");
  });
});

describe("POST /api/auth/logout", () => {
  it("deletes the session on the server, so the old cookie stops working", async () => {
    const cookie = await login("Alice");
    const response = await call("/api/auth/logout", { method: "POST", cookie });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/podkeys_session=;/);
    await expectError(await call("/api/me", { cookie }), 401, "UNAUTHENTICATED");
  });

  it("needs a session", async () => {
    await expectError(await call("/api/auth/logout", { method: "POST" }), 401, "UNAUTHENTICATED");
  });
});

describe("the sign-in's audit event", () => {
  it("records the device and the country it came from, for the activity to show", async () => {
    const userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    // Cloudflare's edge sets request.cf.country; RequestInit's cf is how a test plays the edge.
    const response = await callWith({}, "/api/auth/login", {
      method: "POST",
      json: { username: "Alice", password: PASSWORD },
      headers: { "user-agent": userAgent },
      cf: { country: "DE" },
    } as CallInit);
    expect(response.status).toBe(200);
    const row = await env.DB.prepare("SELECT detail FROM audit_events WHERE type = 'auth.login' ORDER BY id DESC LIMIT 1").first<{
      detail: string;
    }>();
    expect(row?.detail).toBe(`country=DE userAgent=${userAgent}`);
  });
});
