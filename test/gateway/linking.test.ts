import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, createUser, env, expectError, setupAdmin } from "../helpers";
import { clearReceived, gateway, ORIGIN_USERS, received } from "./support";

// PUT/GET/DELETE /api/me/origin: linking a person's Pinepods account, session only.

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("admin");
});

const link = (cookie: string, username: string, password: string, overrides = {}) =>
  gateway("/api/me/origin", { method: "PUT", cookie, json: { username, password } }, overrides);

describe("PUT /api/me/origin", () => {
  it("links with the right password: the origin's user id shows, never its key", async () => {
    const bob = await createUser(admin.cookie, "bob");
    await clearReceived();
    const response = await link(bob.cookie, "bob", ORIGIN_USERS.bob.password);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ configured: true, linked: true, originUserId: 7, originUsername: "bob" });
    expect(text).not.toContain(ORIGIN_USERS.bob.key);
    const [signIn] = await received();
    expect(signIn).toMatchObject({ method: "GET", path: "/api/data/get_key" });
    const shown = await (await gateway("/api/me/origin", { cookie: bob.cookie })).json();
    expect(shown).toMatchObject({ linked: true, originUserId: 7, originUsername: "bob" });
    expect(JSON.stringify(shown)).not.toContain(ORIGIN_USERS.bob.key);
  });

  it("refuses a wrong password with a 4xx in the error shape, and stores nothing", async () => {
    const cal = await createUser(admin.cookie, "cal");
    await expectError(await link(cal.cookie, "bob", "not bob's password"), 400, "ORIGIN_CREDENTIALS_REJECTED");
    expect(await (await gateway("/api/me/origin", { cookie: cal.cookie })).json()).toMatchObject({ linked: false, originUserId: null });
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM origin_links WHERE user_id = ?").bind(cal.id).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("answers 502 when the origin is unreachable, 409 when there is no origin, and stores nothing", async () => {
    const dan = await createUser(admin.cookie, "dan");
    const down = await link(dan.cookie, "bob", ORIGIN_USERS.bob.password, { ORIGIN_URL: "http://down.test" });
    await expectError(down, 502, "ORIGIN_UNREACHABLE");
    expect(down.headers.get("retry-after")).toBeTruthy();
    await expectError(await link(dan.cookie, "bob", ORIGIN_USERS.bob.password, { ORIGIN_URL: "" }), 409, "ORIGIN_NOT_CONFIGURED");
    expect(await (await gateway("/api/me/origin", { cookie: dan.cookie })).json()).toMatchObject({ linked: false });
  });

  it("counts toward the sign-in limits: guessing Pinepods passwords here gets 429", async () => {
    const eli = await createUser(admin.cookie, "eli");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await link(eli.cookie, "ann", `guess ${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("answers 503 without a vault key rather than storing the origin key in the clear", async () => {
    const fay = await createUser(admin.cookie, "fay");
    await expectError(await link(fay.cookie, "bob", ORIGIN_USERS.bob.password, { VAULT_KEY: undefined }), 503, "SERVICE_UNAVAILABLE");
  });
});

describe("a key can never link, read or unlink", () => {
  it("answers 403 SESSION_REQUIRED to a full-scope key on all three", async () => {
    const gil = await createUser(admin.cookie, "gil");
    const { key } = await createKey(gil.cookie, "full", { scope: "full" });
    await expectError(
      await gateway("/api/me/origin", { method: "PUT", key, json: { username: "bob", password: ORIGIN_USERS.bob.password } }),
      403,
      "SESSION_REQUIRED",
    );
    await expectError(await gateway("/api/me/origin", { key }), 403, "SESSION_REQUIRED");
    await expectError(await gateway("/api/me/origin", { method: "DELETE", key }), 403, "SESSION_REQUIRED");
  });
});

describe("DELETE /api/me/origin", () => {
  it("unlinks (204), audited, and the next data call is refused at the edge", async () => {
    const hal = await createUser(admin.cookie, "hal");
    await link(hal.cookie, "bob", ORIGIN_USERS.bob.password);
    const { key } = await createKey(hal.cookie, "app");
    expect((await gateway("/api/data/return_pods/7", { headers: { "api-key": key } })).status).toBe(200);
    expect((await gateway("/api/me/origin", { method: "DELETE", cookie: hal.cookie })).status).toBe(204);
    await clearReceived();
    await expectError(await gateway("/api/data/return_pods/7", { headers: { "api-key": key } }), 409, "ORIGIN_NOT_LINKED");
    expect(await received()).toEqual([]);
    const { events } = await (await call("/api/audit", { cookie: hal.cookie })).json<{ events: { type: string }[] }>();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["origin.linked", "origin.unlinked"]));
  });
});

describe("GET /api/origin/links", () => {
  it("shows administrators who is linked, and refuses everyone else", async () => {
    const { configured, links } = await (await gateway("/api/origin/links", { cookie: admin.cookie })).json<{
      configured: boolean;
      links: { username: string; originUsername: string }[];
    }>();
    expect(configured).toBe(true);
    expect(links).toEqual(expect.arrayContaining([expect.objectContaining({ username: "bob", originUsername: "bob" })]));
    const ivy = await createUser(admin.cookie, "ivy");
    await expectError(await gateway("/api/origin/links", { cookie: ivy.cookie }), 403, "FORBIDDEN");
  });
});
