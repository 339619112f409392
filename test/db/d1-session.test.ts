import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, setupAdmin } from "../helpers";

// Read replication itself cannot be seen locally (local D1 has no replicas); these tests hold the
// wiring: writes hand out a bookmark, list reads accept it, and a bad one does no harm.
const BOOKMARK = /^[0-9a-f]+(-[0-9a-f]+)+$/;

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("D1 bookmarks on key writes and lists", () => {
  it("answers a key creation with the bookmark of its write, as header and cookie", async () => {
    const response = await call("/api/keys", { method: "POST", cookie: admin.cookie, json: { name: "bookmarked" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("podkeys_d1_bookmark=") && /HttpOnly/i.test(cookie))).toBe(
      true,
    );
  });

  it("lists the new key for a client that brings the bookmark back", async () => {
    const created = await call("/api/keys", { method: "POST", cookie: admin.cookie, json: { name: "read your writes" } });
    const { apiKey } = await created.json<{ apiKey: { id: number } }>();
    const list = await call("/api/keys", { cookie: admin.cookie, headers: { "x-d1-bookmark": created.headers.get("x-d1-bookmark")! } });
    const { keys } = await list.json<{ keys: { id: number }[] }>();
    expect(keys.map((key) => key.id)).toContain(apiKey.id);
    expect(list.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
  });

  it("ignores a bookmark that is not one, rather than failing", async () => {
    const { key } = await createKey(admin.cookie);
    for (const bookmark of ["garbage!", "first-primary", "x".repeat(300)]) {
      expect((await call("/api/keys", { key, headers: { "x-d1-bookmark": bookmark } })).status).toBe(200);
    }
  });

  it("answers a key deletion with a bookmark", async () => {
    const { apiKey } = await createKey(admin.cookie);
    const response = await call(`/api/keys/${apiKey.id}`, { method: "DELETE", cookie: admin.cookie });
    expect(response.status).toBe(204);
    expect(response.headers.get("x-d1-bookmark")).toMatch(BOOKMARK);
  });
});
