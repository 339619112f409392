import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectError, setupAdmin } from "../helpers";

interface Event {
  type: string;
  actor: { id: number; username: string; keyId: number | null } | null;
  target: { type: string; id: number; name: string; hint: string | null };
  detail: string | null;
}

let admin: { cookie: string; id: number };
let kim: { cookie: string; id: number };
let lee: { cookie: string; id: number };
let kimsKey: { key: string; apiKey: { id: number; hint: string } };
let rolledHint: string;
beforeAll(async () => {
  admin = await setupAdmin("admin");
  kim = await createUser(admin.cookie, "kim");
  lee = await createUser(admin.cookie, "lee");
  kimsKey = await createKey(kim.cookie, "Kodi", { scope: "full" });
  const rolled = await call(`/api/keys/${kimsKey.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 3600 } });
  rolledHint = (await rolled.json<{ apiKey: { hint: string } }>()).apiKey.hint;
  await createKey(lee.cookie, "Lee's phone");
});

async function events(cookie: string, query: string) {
  const response = await call(`/api/audit${query}`, { cookie });
  expect(response.status).toBe(200);
  return (await response.json<{ events: Event[] }>()).events;
}

describe("GET /api/audit filters", () => {
  it("records each key event with the key's hint, and a roll with its successor's hint and grace", async () => {
    const [rolled] = await events(kim.cookie, "?type=key.rolled");
    expect(rolled).toMatchObject({ target: { type: "key", name: "Kodi", hint: kimsKey.apiKey.hint } });
    expect(rolled!.detail).toBe(`newKeyId=${kimsKey.apiKey.id + 1} newKeyHint=${rolledHint} graceSeconds=3600`);
    const users = await events(admin.cookie, "?type=user.created");
    expect(users.every((event) => event.target.hint === null)).toBe(true);
  });

  it("filters by type, by user (by or about them) and by key (about it)", async () => {
    expect((await events(admin.cookie, "?type=key.created")).map((event) => event.target.name).sort()).toEqual(["Kodi", "Lee's phone"]);
    const lees = await events(admin.cookie, `?userId=${lee.id}`);
    expect(lees.length).toBeGreaterThan(0);
    expect(lees.every((event) => event.actor?.id === lee.id || event.target.name === "lee" || event.target.name === "Lee's phone")).toBe(
      true,
    );
    const aboutKey = await events(admin.cookie, `?keyId=${kimsKey.apiKey.id}`);
    expect(aboutKey.map((event) => event.type).sort()).toEqual(["key.created", "key.rolled"]);
  });

  it("finds what was done through a key", async () => {
    const child = await call("/api/keys", {
      method: "POST",
      key: kimsKey.key,
      json: { name: "made by a key", expiresAt: new Date(Date.now() + 600_000).toISOString() },
    });
    expect(child.status).toBe(201);
    const through = await events(kim.cookie, `?keyId=${kimsKey.apiKey.id}&type=key.created`);
    expect(through.map((event) => event.target.name)).toContain("made by a key");
  });

  it("refuses an unknown type or a malformed id", async () => {
    await expectError(await call("/api/audit?type=key.exploded", { cookie: admin.cookie }), 400, "VALIDATION_ERROR");
    await expectError(await call("/api/audit?userId=abc", { cookie: admin.cookie }), 400, "VALIDATION_ERROR");
  });
});

describe("GET /api/audit filters: security", () => {
  it("only narrows a standard user's view: another user's id or key finds nothing of theirs", async () => {
    expect(await events(kim.cookie, `?userId=${lee.id}`)).toEqual([]);
    const leesKeyEvents = await events(admin.cookie, "?type=key.created");
    const leesKeyId = leesKeyEvents.find((event) => event.target.name === "Lee's phone")!.target.id;
    expect(await events(kim.cookie, `?keyId=${leesKeyId}`)).toEqual([]);
  });
});
