import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, PASSWORD, setupAdmin } from "../helpers";

interface AuditEvent {
  id: number;
  type: string;
  createdAt: string;
  actor: { id: number; username: string; keyId: number | null } | null;
  target: { type: string; id: number; name: string };
  targetOwner: { id: number; username: string } | null;
  detail: string | null;
  ip: string | null;
}

let admin: { cookie: string; id: number };
let mia: { cookie: string; id: number };
let ned: { cookie: string; id: number };
const secrets: string[] = [];

beforeAll(async () => {
  admin = await setupAdmin("admin");
  mia = await createUser(admin.cookie, "mia");
  ned = await createUser(admin.cookie, "ned");
  const headers = { "cf-connecting-ip": "203.0.113.7" };
  const created = await createKey(mia.cookie, "Mia's Kodi", { scope: "full" });
  secrets.push(created.key);
  const rolled = await call(`/api/keys/${created.apiKey.id}/roll`, {
    method: "POST",
    cookie: mia.cookie,
    headers,
    json: { graceSeconds: 60 },
  });
  secrets.push((await rolled.json<{ key: string }>()).key);
  await call(`/api/keys/${created.apiKey.id}`, { method: "PATCH", key: created.key, json: { enabled: false } });
  await call(`/api/keys/${created.apiKey.id}`, { method: "PATCH", cookie: mia.cookie, json: { enabled: true } });
  await call(`/api/keys/${created.apiKey.id}`, { method: "DELETE", cookie: mia.cookie, headers });
  const neds = await createKey(ned.cookie, "Ned's script");
  secrets.push(neds.key);
  await call(`/api/users/${ned.id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "admin" } });
  await call("/api/auth/login", { method: "POST", headers, json: { username: "mia", password: "not the password" } });
  await call("/api/auth/login", { method: "POST", json: { username: "nobody-here", password: "whatever123" } });
  const temp = await createUser(admin.cookie, "temp");
  await call(`/api/users/${temp.id}`, { method: "DELETE", cookie: admin.cookie });
  await new Promise((r) => setTimeout(r, 100)); // failed sign-ins are recorded after the answer
});

async function events(cookie: string, query = "") {
  const response = await call(`/api/audit${query}`, { cookie });
  expect(response.status).toBe(200);
  return response.json<{ events: AuditEvent[]; nextCursor: string | null }>();
}

describe("GET /api/audit", () => {
  it("shows an admin every kind of event, newest first, with actor, target, owner, time and address", async () => {
    const { events: all } = await events(admin.cookie, "?limit=100");
    const types = new Set(all.map((e) => e.type));
    for (const type of [
      "key.created",
      "key.deleted",
      "key.rolled",
      "key.disabled",
      "key.enabled",
      "user.created",
      "user.deleted",
      "user.role_changed",
      "auth.login_failed",
    ]) {
      expect(types).toContain(type);
    }
    const ids = all.map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const deleted = all.find((e) => e.type === "key.deleted")!;
    expect(deleted).toMatchObject({
      actor: { id: mia.id, username: "mia", keyId: null },
      target: { type: "key", name: "Mia's Kodi" },
      targetOwner: { id: mia.id, username: "mia" },
      ip: "203.0.113.7",
    });
    expect(Date.parse(deleted.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const disabled = all.find((e) => e.type === "key.disabled")!;
    expect(disabled.actor?.keyId).toBe(disabled.target.id); // the key disabled itself

    const failed = all.filter((e) => e.type === "auth.login_failed");
    expect(failed).toHaveLength(1); // only real accounts are recorded
    expect(failed[0]).toMatchObject({ actor: null, target: { type: "user", name: "mia" }, ip: "203.0.113.7" });

    expect(all.find((e) => e.type === "user.role_changed")).toMatchObject({
      actor: { username: "admin" },
      target: { name: "ned" },
      detail: "role=admin",
    });
  });

  it("starts with the first-run setup that created the first admin", async () => {
    const { events: all } = await events(admin.cookie, "?limit=100");
    expect(all.at(-1)).toMatchObject({
      type: "user.created",
      actor: null,
      target: { type: "user", id: admin.id, name: "admin" },
      detail: "role=admin (first-run setup)",
    });
  });

  it("shows a user only events about their own keys and account", async () => {
    const { events: mine } = await events(mia.cookie, "?limit=100");
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.targetOwner?.id === mia.id)).toBe(true);
    expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(["key.created", "key.deleted", "user.created", "auth.login_failed"]));
    const ola = await createUser(admin.cookie, "ola");
    const { events: olas } = await events(ola.cookie, "?limit=100");
    expect(olas.map((e) => `${e.type} ${e.target.name}`)).toEqual(["user.created ola"]);
  });

  it("pages with a cursor", async () => {
    const first = await events(admin.cookie, "?limit=3");
    expect(first.events).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await events(admin.cookie, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.events[0]!.id).toBeLessThan(first.events[2]!.id);
    const { events: all } = await events(admin.cookie, "?limit=100");
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(all.slice(0, 6).map((e) => e.id));
  });

  it("never holds a key, a hash or a password", async () => {
    const text = JSON.stringify(await events(admin.cookie, "?limit=100"));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain("not the password");
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/[0-9a-f]{64}/); // no SHA-256 hex
  });

  it("validates paging and needs authentication", async () => {
    await expectError(await call("/api/audit?limit=0", { cookie: admin.cookie }), 400, "VALIDATION_ERROR");
    await expectError(await call("/api/audit?cursor=abc", { cookie: admin.cookie }), 400, "VALIDATION_ERROR");
    await expectError(await call("/api/audit"), 401, "UNAUTHENTICATED");
  });
});
