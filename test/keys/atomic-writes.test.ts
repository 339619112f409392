import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, expectServerError, rows, setupAdmin, withFailingWrite } from "../helpers";

// Each key change is one D1 transaction: with its second (or third) statement made to fail, the
// request answers an error and the database is exactly as before it.

let kim: { cookie: string; id: number };
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  kim = await createUser(admin.cookie, "kim");
});

const keyRows = (userId: number) =>
  rows<{ id: number; expires_at: number | null; enabled: number }>(
    "SELECT id, expires_at, enabled FROM api_keys WHERE user_id = ? ORDER BY id",
    userId,
  );
const auditTypes = async () => (await rows<{ type: string }>("SELECT type FROM audit_events ORDER BY id")).map((r) => r.type);
const meWith = (key: string) => call("/api/me", { key });

describe("POST /api/keys/{id}/roll when the old key's update fails", () => {
  it("answers an error, creates no new key and leaves the old key as it was, working", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "roll me", { scope: "full" });
    const before = await keyRows(kim.id);
    const events = await auditTypes();

    const response = await withFailingWrite("BEFORE UPDATE OF expires_at ON api_keys", () =>
      call(`/api/keys/${apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 3600 } }),
    );
    await expectServerError(response);

    expect(await keyRows(kim.id)).toEqual(before); // no new key; the old one has no expiry still
    expect(await auditTypes()).toEqual(events); // and no "key.rolled"
    expect((await meWith(key)).status).toBe(200);
  });

  it("rolls normally once the fault is gone", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "roll me later");
    const response = await call(`/api/keys/${apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 0 } });
    expect(response.status).toBe(201);
    const rolled = await response.json<{ key: string }>();
    expect((await meWith(rolled.key)).status).toBe(200);
    expect((await meWith(key)).status).toBe(401);
  });
});

describe("POST /api/keys when its audit event cannot be written", () => {
  it("answers an error and no key exists", async () => {
    const before = await keyRows(kim.id);
    const response = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call("/api/keys", { method: "POST", cookie: kim.cookie, json: { name: "unrecorded" } }),
    );
    await expectServerError(response);
    expect(await keyRows(kim.id)).toEqual(before);
    expect(await rows("SELECT id FROM api_keys WHERE name = 'unrecorded'")).toEqual([]);
  });
});

describe("DELETE /api/keys/{id} when the delete fails after its audit event", () => {
  it("answers an error, records no deletion and the key keeps working", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "keep me");
    const events = await auditTypes();
    const response = await withFailingWrite("BEFORE DELETE ON api_keys", () =>
      call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: kim.cookie }),
    );
    await expectServerError(response);
    expect(await auditTypes()).toEqual(events); // the event written first was rolled back with the delete
    expect((await meWith(key)).status).toBe(200);
  });
});

describe("PATCH /api/keys/{id} when its audit event cannot be written", () => {
  it("answers an error and the key stays enabled and working", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "stay enabled");
    const response = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: kim.cookie, json: { enabled: false } }),
    );
    await expectServerError(response);
    expect(await rows("SELECT enabled FROM api_keys WHERE id = ?", apiKey.id)).toEqual([{ enabled: 1 }]);
    expect((await meWith(key)).status).toBe(200);
  });
});

describe("POST /api/data/create_api_key (Pinepods) when its audit event cannot be written", () => {
  it("answers an error and no key exists", async () => {
    const { key } = await createKey(kim.cookie, "pinepods client", { scope: "full" });
    const before = await keyRows(kim.id);
    const response = await withFailingWrite("BEFORE INSERT ON audit_events", () =>
      call("/api/data/create_api_key", { method: "POST", headers: { "api-key": key }, json: { user_id: kim.id, rssonly: false } }),
    );
    await expectServerError(response);
    expect(await keyRows(kim.id)).toEqual(before);
  });
});
