import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, expectError, type ListedKey, setupAdminKimAndLee } from "../helpers";

type Account = { cookie: string; id: number };
let admin: Account;
let kim: Account;
let lee: Account;
beforeAll(async () => {
  ({ admin, kim, lee } = await setupAdminKimAndLee());
});

const patch = (id: number, json: unknown, auth: { cookie?: string; key?: string }) =>
  call(`/api/keys/${id}`, { method: "PATCH", json, ...auth });

async function listed(cookie: string, id: number) {
  const { keys } = await (await call("/api/keys", { cookie })).json<{ keys: ListedKey[] }>();
  return keys.find((key) => key.id === id);
}

async function auditOf(cookie: string) {
  return (
    await (
      await call("/api/audit", { cookie })
    ).json<{ events: { type: string; target: { id: number; name: string }; detail: string | null }[] }>()
  ).events;
}

describe("PATCH /api/keys/{id} (name and note)", () => {
  it("renames a key and keeps a note; the key itself keeps working", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "Kodi");
    const response = await patch(
      apiKey.id,
      { name: "Kodi living room", note: "On the box under the TV.\nAsk Sam." },
      { cookie: kim.cookie },
    );
    expect(response.status).toBe(200);
    const { apiKey: changed } = await response.json<{ apiKey: ListedKey }>();
    expect(changed).toMatchObject({ id: apiKey.id, name: "Kodi living room", note: "On the box under the TV.\nAsk Sam.", enabled: true });
    expect(await listed(kim.cookie, apiKey.id)).toMatchObject({ name: "Kodi living room", note: "On the box under the TV.\nAsk Sam." });
    expect((await call("/api/me", { key })).status).toBe(200);
  });

  it("records key.renamed with the previous name, and never the note's text", async () => {
    const { apiKey } = await createKey(kim.cookie, "Phone");
    await patch(apiKey.id, { name: "AntennaPod", note: "secret-looking words" }, { cookie: kim.cookie });
    const event = (await auditOf(kim.cookie)).find((each) => each.type === "key.renamed" && each.target.id === apiKey.id);
    expect(event).toMatchObject({ target: { name: "AntennaPod" }, detail: "previousName=Phone note=changed" });
    expect(JSON.stringify(await auditOf(admin.cookie))).not.toContain("secret-looking words");
  });

  it("removes a note with null or an empty string, and records no rename when nothing changed", async () => {
    const { apiKey } = await createKey(kim.cookie, "Script");
    await patch(apiKey.id, { note: "nightly" }, { cookie: kim.cookie });
    expect((await (await patch(apiKey.id, { note: "" }, { cookie: kim.cookie })).json<{ apiKey: ListedKey }>()).apiKey.note).toBeNull();
    await patch(apiKey.id, { note: "again" }, { cookie: kim.cookie });
    expect((await (await patch(apiKey.id, { note: null }, { cookie: kim.cookie })).json<{ apiKey: ListedKey }>()).apiKey.note).toBeNull();
    const before = (await auditOf(kim.cookie)).length;
    await patch(apiKey.id, { name: "Script" }, { cookie: kim.cookie });
    expect((await auditOf(kim.cookie)).length).toBe(before);
  });

  it("refuses an empty body, a name out of bounds and a note over 500 characters or with control characters", async () => {
    const { apiKey } = await createKey(kim.cookie, "Bounds");
    for (const body of [{}, { name: "" }, { name: "x".repeat(101) }, { note: "x".repeat(501) }, { note: "bell\u0007" }, { name: 5 }]) {
      await expectError(await patch(apiKey.id, body, { cookie: kim.cookie }), 400, "VALIDATION_ERROR");
    }
    expect((await patch(apiKey.id, { note: "x".repeat(500) }, { cookie: kim.cookie })).status).toBe(200);
    expect(await listed(kim.cookie, apiKey.id)).toMatchObject({ name: "Bounds" });
  });

  it("keeps markup as plain text", async () => {
    const { apiKey } = await createKey(kim.cookie, "Markup");
    const note = "<img src=x onerror=alert(1)>";
    await patch(apiKey.id, { note }, { cookie: kim.cookie });
    expect((await listed(kim.cookie, apiKey.id))?.note).toBe(note);
  });
});

describe("PATCH /api/keys/{id} (name and note): security", () => {
  it("answers 404 for another user's key, and leaves it unchanged", async () => {
    const { apiKey } = await createKey(kim.cookie, "Kim's");
    await expectError(await patch(apiKey.id, { name: "Lee's now" }, { cookie: lee.cookie }), 404, "NOT_FOUND");
    expect((await listed(kim.cookie, apiKey.id))?.name).toBe("Kim's");
  });

  it("lets an administrator's session rename anyone's key, but a read key nothing", async () => {
    const { apiKey } = await createKey(kim.cookie, "Named by admin");
    expect((await patch(apiKey.id, { name: "Renamed by admin" }, { cookie: admin.cookie })).status).toBe(200);
    const read = await createKey(kim.cookie, "reader");
    await expectError(await patch(apiKey.id, { name: "by a read key" }, { key: read.key }), 403, "INSUFFICIENT_SCOPE");
    expect((await listed(kim.cookie, apiKey.id))?.name).toBe("Renamed by admin");
  });
});
