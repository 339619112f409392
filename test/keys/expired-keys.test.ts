import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, expectError, type ListedKey, setupAdminKimAndLee } from "../helpers";

type Account = { cookie: string; id: number };
let admin: Account;
let kim: Account;
let lee: Account;
beforeAll(async () => {
  ({ admin, kim, lee } = await setupAdminKimAndLee());
});

async function listed(cookie: string) {
  return (await (await call("/api/keys", { cookie })).json<{ keys: ListedKey[] }>()).keys;
}

const roll = (id: number, graceSeconds: number, cookie: string) =>
  call(`/api/keys/${id}/roll`, { method: "POST", cookie, json: { graceSeconds } });
const deleteExpired = (auth: { cookie?: string; key?: string }, query = "") =>
  call(`/api/keys/delete-expired${query}`, { method: "POST", ...auth });

/** A key whose expiry passed a moment ago: set in the database, as no API makes a key expire early. */
async function expire(id: number) {
  await env.DB.prepare("UPDATE api_keys SET expires_at = ? WHERE id = ?")
    .bind(Date.now() - 1000, id)
    .run();
}

describe("POST /api/keys/{id}/roll: the successor is recorded", () => {
  it("marks the old key replaced by the new one, for as long as its grace lasts", async () => {
    const { apiKey } = await createKey(kim.cookie, "Kodi");
    const { apiKey: successor, previousKeyExpiresAt } = await (await roll(apiKey.id, 3600, kim.cookie)).json<{
      apiKey: ListedKey;
      previousKeyExpiresAt: string;
    }>();
    const keys = await listed(kim.cookie);
    expect(keys.find((key) => key.id === apiKey.id)).toMatchObject({ replacedById: successor.id, expiresAt: previousKeyExpiresAt });
    expect(keys.find((key) => key.id === successor.id)).toMatchObject({ replacedById: null, expiresAt: null });
  });

  it("lets the successor be deleted first; the old key still reads as replaced", async () => {
    const { apiKey } = await createKey(kim.cookie, "NAS");
    const { apiKey: successor } = await (await roll(apiKey.id, 60, kim.cookie)).json<{ apiKey: ListedKey }>();
    expect((await call(`/api/keys/${successor.id}`, { method: "DELETE", cookie: kim.cookie })).status).toBe(204);
    expect((await listed(kim.cookie)).find((key) => key.id === apiKey.id)?.replacedById).toBe(successor.id);
  });
});

describe("POST /api/keys/delete-expired", () => {
  it("deletes every expired key of the caller — a key past its expiry and the old key of a roll without grace — and nothing else", async () => {
    const expired = await createKey(lee.cookie, "Reached its expiry", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expire(expired.apiKey.id);
    const rolled = await createKey(lee.cookie, "Rolled at once");
    const { apiKey: successor } = await (await roll(rolled.apiKey.id, 0, lee.cookie)).json<{ apiKey: ListedKey }>();
    const graced = await createKey(lee.cookie, "Rolled with grace");
    await roll(graced.apiKey.id, 3600, lee.cookie);
    const kims = await createKey(kim.cookie, "Kim's expired");
    await expire(kims.apiKey.id);

    const response = await deleteExpired({ cookie: lee.cookie });
    expect(response.status).toBe(200);
    const { deleted } = await response.json<{ deleted: { id: number; name: string }[] }>();
    expect(deleted.map((key) => key.id).sort()).toEqual([expired.apiKey.id, rolled.apiKey.id].sort());
    const left = (await listed(lee.cookie)).map((key) => key.id);
    expect(left).toContain(successor.id);
    expect(left).toContain(graced.apiKey.id); // still in its grace: not expired yet
    expect(left).not.toContain(expired.apiKey.id);
    expect((await listed(kim.cookie)).map((key) => key.id)).toContain(kims.apiKey.id); // another user's: untouched
  });

  it("records one key.deleted event per key, and answers an empty list when there is nothing to delete", async () => {
    const { apiKey } = await createKey(lee.cookie, "Audited expiry", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expire(apiKey.id);
    await deleteExpired({ cookie: lee.cookie });
    const { events } = await (await call("/api/audit", { cookie: lee.cookie })).json<{
      events: { type: string; target: { id: number }; detail: string | null; actor: { username: string } }[];
    }>();
    expect(events.filter((event) => event.target.id === apiKey.id && event.type === "key.deleted")).toEqual([
      expect.objectContaining({ detail: "reason=expired", actor: expect.objectContaining({ username: "lee" }) }),
    ]);
    expect(await (await deleteExpired({ cookie: lee.cookie })).json()).toEqual({ deleted: [] });
  });

  it("is all or nothing: when the audit write fails, no key is deleted", async () => {
    const { apiKey } = await createKey(lee.cookie, "Survives a failure", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expire(apiKey.id);
    await env.DB.prepare("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'injected'); END").run();
    try {
      expect((await deleteExpired({ cookie: lee.cookie })).status).toBe(503);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_audit").run();
    }
    expect((await listed(lee.cookie)).map((key) => key.id)).toContain(apiKey.id);
  });

  it("lets an administrator's session clear every user's expired keys, or one user's", async () => {
    const kims = await createKey(kim.cookie, "Kim old", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const lees = await createKey(lee.cookie, "Lee old", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expire(kims.apiKey.id);
    await expire(lees.apiKey.id);
    const first = await (await deleteExpired({ cookie: admin.cookie }, `?userId=${kim.id}`)).json<{ deleted: { id: number }[] }>();
    expect(first.deleted.map((key) => key.id)).toContain(kims.apiKey.id);
    expect(first.deleted.map((key) => key.id)).not.toContain(lees.apiKey.id);
    const all = await (await deleteExpired({ cookie: admin.cookie })).json<{ deleted: { id: number; owner: { username: string } }[] }>();
    expect(all.deleted).toContainEqual({ id: lees.apiKey.id, name: "Lee old", owner: { id: lee.id, username: "lee" } });
  });
});

describe("POST /api/keys/delete-expired: security", () => {
  it("refuses another user's keys to a standard user, and a read key altogether", async () => {
    await expectError(await deleteExpired({ cookie: lee.cookie }, `?userId=${kim.id}`), 403, "FORBIDDEN");
    const reader = await createKey(lee.cookie, "reader");
    await expectError(await deleteExpired({ key: reader.key }), 403, "INSUFFICIENT_SCOPE");
    await expectError(await deleteExpired({}), 401);
  });

  it("keeps a full key of an admin to its owner's own keys", async () => {
    const kims = await createKey(kim.cookie, "Kim expired again", { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expire(kims.apiKey.id);
    const full = await createKey(admin.cookie, "admin full", { scope: "full" });
    await expectError(await deleteExpired({ key: full.key }, `?userId=${kim.id}`), 403, "FORBIDDEN");
    expect((await deleteExpired({ key: full.key })).status).toBe(200);
    expect((await listed(kim.cookie)).map((key) => key.id)).toContain(kims.apiKey.id);
  });
});
