import { beforeAll, describe, expect, it } from "vitest";
import {
  type CallInit,
  call,
  callWith,
  createKey,
  createUser,
  env,
  expectError,
  type ListedKey,
  login,
  PASSWORD,
  setupAdmin,
} from "../helpers";

// Sign-in keys: what get_key mints. At most 10 live per user, the 11th revokes the oldest (audited);
// a password change ends them; settings keys are untouched by both.

// Without the per-username sign-in limiter (10 a minute), so one test may sign in 14 times in a row.
const unlimited = (path: string, init: CallInit = {}) => callWith({ SIGN_IN_USER_LIMITER: undefined }, path, init);
const basic = (username: string, password = PASSWORD) => ({ authorization: `Basic ${btoa(`${username}:${password}`)}` });

async function signIn(username: string, client = "PinepodsMobile/0.8"): Promise<string> {
  const response = await unlimited("/api/data/get_key", { headers: { ...basic(username), "user-agent": client } });
  if (response.status !== 200) throw new Error(`get_key: ${response.status} ${await response.text()}`);
  return (await response.json<{ retrieved_key: string }>()).retrieved_key;
}
const works = async (key: string) => (await call("/api/data/verify_key", { headers: { "api-key": key } })).status === 200;
const listKeys = async (cookie: string) => (await (await call("/api/keys", { cookie })).json<{ keys: ListedKey[] }>()).keys;

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("admin");
});

describe("keys minted by get_key", () => {
  it("are listed as sign-in keys; keys made in the settings as settings keys", async () => {
    const bob = await createUser(admin.cookie, "bob");
    await signIn("bob");
    await createKey(bob.cookie, "Kodi");
    const keys = await listKeys(bob.cookie);
    expect(keys.find((k) => k.name === "Sign-in from PinepodsMobile/0.8")).toMatchObject({ kind: "sign_in", scope: "full" });
    expect(keys.find((k) => k.name === "Kodi")).toMatchObject({ kind: "settings" });
  });

  it("after 14 sign-ins, at most 10 live: the oldest are refused and audited, the newest works, settings keys stay", async () => {
    const cara = await createUser(admin.cookie, "cara");
    const settingsKey = (await createKey(cara.cookie, "Home Assistant")).key;
    const minted: string[] = [];
    for (let i = 0; i < 14; i++) minted.push(await signIn("cara", `Client/${i}`));

    const signInKeys = (await listKeys(cara.cookie)).filter((k) => k.kind === "sign_in");
    expect(signInKeys).toHaveLength(10);
    expect(signInKeys.map((k) => k.name).sort()).toEqual([...Array(10).keys()].map((i) => `Sign-in from Client/${i + 4}`).sort());
    for (const key of minted.slice(0, 4)) expect(await works(key)).toBe(false);
    for (const key of minted.slice(4)) expect(await works(key)).toBe(true);
    expect(await works(settingsKey)).toBe(true);

    const { events } = await (await call("/api/audit?limit=100", { cookie: cara.cookie })).json<{
      events: { type: string; target: { name: string }; detail: string | null }[];
    }>();
    const revoked = events.filter((e) => e.type === "key.deleted" && /sign-in key limit/.test(e.detail ?? ""));
    expect(revoked.map((e) => e.target.name).sort()).toEqual([
      "Sign-in from Client/0",
      "Sign-in from Client/1",
      "Sign-in from Client/2",
      "Sign-in from Client/3",
    ]);
  });

  it("do not count toward MAX_KEYS_PER_USER, so signing in never locks an account out", async () => {
    const dee = await createUser(admin.cookie, "dee");
    for (let i = 0; i < 3; i++) await createKey(dee.cookie, `settings ${i}`);
    const response = await callWith({ SIGN_IN_USER_LIMITER: undefined, MAX_KEYS_PER_USER: "3" }, "/api/data/get_key", {
      headers: basic("dee"),
    });
    expect(response.status).toBe(200);
    await expectError(
      await callWith({ MAX_KEYS_PER_USER: "3" }, "/api/keys", { method: "POST", cookie: dee.cookie, json: { name: "fourth" } }),
      409,
      "KEY_LIMIT_REACHED",
    );
  });

  it("end when the password changes, like sessions; settings keys keep working", async () => {
    const eve = await createUser(admin.cookie, "eve");
    const settingsKey = (await createKey(eve.cookie, "Kodi", { scope: "full" })).key;
    const phone = await signIn("eve");
    const laptop = await signIn("eve", "firewood/1.0");
    const changed = await call("/api/me/password", {
      method: "POST",
      cookie: eve.cookie,
      json: { currentPassword: PASSWORD, newPassword: "a brand new password" },
    });
    expect(changed.status).toBe(204);
    expect(await works(phone)).toBe(false);
    expect(await works(laptop)).toBe(false);
    expect(await works(settingsKey)).toBe(true);
    expect((await listKeys(eve.cookie)).map((k) => k.kind)).toEqual(["settings"]);
    await login("eve", "a brand new password");
  });
});

describe("an administrator's password reset", () => {
  it("ends the user's sign-in keys too, not their settings keys", async () => {
    const hal = await createUser(admin.cookie, "hal");
    const settingsKey = (await createKey(hal.cookie, "Kodi")).key;
    const phone = await signIn("hal");
    const reset = await call(`/api/users/${hal.id}/password`, {
      method: "POST",
      cookie: admin.cookie,
      json: { newPassword: "reset by the admin" },
    });
    expect(reset.status).toBe(204);
    expect(await works(phone)).toBe(false);
    expect(await works(settingsKey)).toBe(true);
  });
});

describe("sign-in key writes are all or nothing", () => {
  it("a failing revocation leaves no new key and the oldest still working", async () => {
    const fay = await createUser(admin.cookie, "fay");
    const minted: string[] = [];
    for (let i = 0; i < 10; i++) minted.push(await signIn("fay", `Client/${i}`));
    await env.DB.exec(
      "CREATE TRIGGER fail_sign_in_revocation BEFORE DELETE ON api_keys WHEN OLD.kind = 'sign_in' BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    try {
      const response = await unlimited("/api/data/get_key", { headers: basic("fay") });
      expect(response.status).toBe(503);
    } finally {
      await env.DB.exec("DROP TRIGGER fail_sign_in_revocation");
    }
    expect((await listKeys(fay.cookie)).filter((k) => k.kind === "sign_in")).toHaveLength(10);
    expect(await works(minted[0]!)).toBe(true);
  });

  it("a failing password change ends no sign-in key and keeps the old password", async () => {
    const gus = await createUser(admin.cookie, "gus");
    const key = await signIn("gus");
    await env.DB.exec(
      "CREATE TRIGGER fail_sign_in_end BEFORE DELETE ON api_keys WHEN OLD.kind = 'sign_in' BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    try {
      const response = await call("/api/me/password", {
        method: "POST",
        cookie: gus.cookie,
        json: { currentPassword: PASSWORD, newPassword: "another new password" },
      });
      expect(response.status).toBe(503);
    } finally {
      await env.DB.exec("DROP TRIGGER fail_sign_in_end");
    }
    expect(await works(key)).toBe(true);
    await login("gus", PASSWORD);
  });
});
