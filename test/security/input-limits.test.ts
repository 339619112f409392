import { beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "../../src/app";
import { MAX_BODY_BYTES } from "../../src/http/request-guards";
import { call, createKey, createUser, env, expectError, PASSWORD, setupAdmin } from "../helpers";

// Generous limits: 100 keys created to reach the per-user maximum, on a machine other suites share.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let admin: { cookie: string; id: number };
let alice: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
  alice = await createUser(admin.cookie, "alice");
});

/** Every endpoint that reads a JSON body, with a valid body for it. */
const jsonEndpoints = (): Array<{ path: string; method: string; cookie?: string; body: unknown }> => [
  { path: "/api/setup", method: "POST", body: { token: "t", username: "x", password: PASSWORD } },
  { path: "/api/auth/login", method: "POST", body: { username: "alice", password: PASSWORD } },
  { path: "/api/me/password", method: "POST", cookie: alice.cookie, body: { currentPassword: "x", newPassword: PASSWORD } },
  { path: "/api/keys", method: "POST", cookie: alice.cookie, body: { name: "k" } },
  { path: "/api/keys/verify", method: "POST", body: { key: "podk_x" } },
  { path: "/api/users", method: "POST", cookie: admin.cookie, body: { username: "zed", password: PASSWORD } },
  { path: `/api/users/${alice.id}`, method: "PATCH", cookie: admin.cookie, body: { role: "user" } },
  { path: "/api/keys/1", method: "PATCH", cookie: alice.cookie, body: { enabled: true } },
  { path: "/api/keys/1/roll", method: "POST", cookie: alice.cookie, body: { graceSeconds: 0 } },
  { path: "/api/data/create_api_key", method: "POST", cookie: alice.cookie, body: { user_id: alice.id, rssonly: false } },
  { path: "/api/data/delete_api_key", method: "DELETE", cookie: alice.cookie, body: { api_id: 1 } },
];

function raw(path: string, method: string, body: BodyInit | null, headers: Record<string, string>, cookie?: string) {
  return call(path, { method, body, headers, cookie });
}

describe("body size", () => {
  it("accepts exactly 16 KB and refuses one byte more with 413", async () => {
    const padded = (size: number) => {
      const base = JSON.stringify({ name: "k", pad: "" });
      return JSON.stringify({ name: "k", pad: "x".repeat(size - base.length) });
    };
    expect(new TextEncoder().encode(padded(MAX_BODY_BYTES)).length).toBe(MAX_BODY_BYTES);
    const json = { "content-type": "application/json" };
    expect((await raw("/api/keys", "POST", padded(MAX_BODY_BYTES), json, alice.cookie)).status).toBe(201);
    await expectError(await raw("/api/keys", "POST", padded(MAX_BODY_BYTES + 1), json, alice.cookie), 413, "PAYLOAD_TOO_LARGE");
  });

  it("refuses an oversized body sent without a Content-Length (streamed) with 413", async () => {
    const chunk = new TextEncoder().encode(`{"name":"${"x".repeat(4096)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await call("/api/keys", {
      method: "POST",
      cookie: alice.cookie,
      body: stream,
      headers: { "content-type": "application/json" },
    });
    await expectError(response, 413, "PAYLOAD_TOO_LARGE");
  });

  it("refuses an oversized body on every JSON endpoint, before any work", async () => {
    for (const { path, method, cookie } of jsonEndpoints()) {
      const body = JSON.stringify({ filler: "x".repeat(MAX_BODY_BYTES) });
      await expectError(await raw(path, method, body, { "content-type": "application/json" }, cookie), 413, "PAYLOAD_TOO_LARGE");
    }
  });
});

describe("content type", () => {
  it("refuses non-JSON bodies with 415 on every JSON endpoint", async () => {
    for (const { path, method, cookie, body } of jsonEndpoints()) {
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "text/json",
      ]) {
        await expectError(await raw(path, method, JSON.stringify(body), { "content-type": type }, cookie), 415, "UNSUPPORTED_MEDIA_TYPE");
      }
    }
  });

  it("refuses a body with no Content-Type at all with 415", async () => {
    const response = await call("/api/keys", { method: "POST", cookie: alice.cookie, body: new TextEncoder().encode('{"name":"k"}') });
    await expectError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("accepts JSON with a charset or in upper case", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON"]) {
      expect((await raw("/api/keys", "POST", '{"name":"typed"}', { "content-type": type }, alice.cookie)).status).toBe(201);
    }
  });
});

describe("malformed JSON", () => {
  it("answers 400 MALFORMED_JSON on every JSON endpoint", async () => {
    for (const { path, method, cookie } of jsonEndpoints()) {
      for (const text of ["{", '{"name":', "{'name':'k'}", '{"name":"k"} trailing', "\u0000"]) {
        await expectError(await raw(path, method, text, { "content-type": "application/json" }, cookie), 400, "MALFORMED_JSON");
      }
    }
  });

  it("answers 400 (never 500) for JSON that is not an object", async () => {
    for (const { path, method, cookie } of jsonEndpoints()) {
      for (const text of ["null", "[]", '"name"', "42", "true", '[{"name":"k"}]']) {
        const response = await raw(path, method, text, { "content-type": "application/json" }, cookie);
        expect(response.status, `${method} ${path} ${text}`).toBe(400);
        await expectError(response, 400);
      }
    }
  });

  it("ignores __proto__ and constructor keys instead of being polluted by them", async () => {
    const text = '{"name":"polluted?","__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"role":"admin"}}}';
    const response = await raw("/api/keys", "POST", text, { "content-type": "application/json" }, alice.cookie);
    expect(response.status).toBe(201);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(await (await call("/api/me", { cookie: alice.cookie })).json()).toMatchObject({ user: { role: "user" } });
  });
});

describe("key names", () => {
  const create = (name: unknown) => call("/api/keys", { method: "POST", cookie: alice.cookie, json: { name } });

  it("stores a name exactly as given: spaces, markup, right-to-left and zero-width characters included", async () => {
    for (const name of [
      "  Kodi  ",
      "<img src=x onerror=alert(1)>",
      "\u202Eevil\u202C",
      "zero\u200Bwidth",
      "日本語のキー",
      "'; DROP TABLE api_keys; --",
    ]) {
      const response = await create(name);
      expect(response.status, JSON.stringify(name)).toBe(201);
      const { apiKey } = await response.json<{ apiKey: { id: number; name: string } }>();
      expect(apiKey.name).toBe(name);
      const stored = await env.DB.prepare("SELECT name FROM api_keys WHERE id = ?").bind(apiKey.id).first<string>("name");
      expect(stored).toBe(name);
    }
  });

  it("counts characters, not bytes or UTF-16 units, and after trimming", async () => {
    expect((await create("🎧".repeat(100))).status).toBe(201);
    expect((await create(`   ${"x".repeat(100)}   `)).status).toBe(201);
    await expectError(await create("🎧".repeat(101)), 400, "VALIDATION_ERROR");
  });

  it("refuses every control character, C0, DEL and C1 alike", async () => {
    for (const control of ["\u0000", "\n", "\r", "\t", "\u001B", "\u007F", "\u0085", "\u009F"]) {
      await expectError(await create(`bad${control}name`), 400, "VALIDATION_ERROR");
    }
  });

  it("refuses a name that is not valid Unicode (a lone surrogate) rather than storing it altered", async () => {
    const response = await raw("/api/keys", "POST", '{"name":"half \\ud83c pair"}', { "content-type": "application/json" }, alice.cookie);
    await expectError(response, 400, "VALIDATION_ERROR");
  });
});

describe("usernames", () => {
  it("clash regardless of case, including with the first admin (409)", async () => {
    for (const username of ["ADMIN", "Alice", "aLiCe"]) {
      await expectError(
        await call("/api/users", { method: "POST", cookie: admin.cookie, json: { username, password: PASSWORD } }),
        409,
        "USERNAME_TAKEN",
      );
    }
  });

  it("stay unique when two creations of the same name in different case race", async () => {
    const statuses = await Promise.all(
      ["racer", "RACER", "Racer", "rAcEr"].map(async (username) => {
        const response = await call("/api/users", { method: "POST", cookie: admin.cookie, json: { username, password: PASSWORD } });
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
  });
});

describe("passwords", () => {
  it("accept 10 to 1024 characters and refuse 9 and 1025, wherever one is set", async () => {
    const createWith = (username: string, password: string) =>
      call("/api/users", { method: "POST", cookie: admin.cookie, json: { username, password } });
    expect((await createWith("ten", "x".repeat(10))).status).toBe(201);
    expect((await createWith("long", "x".repeat(1024))).status).toBe(201);
    await expectError(await createWith("nine", "x".repeat(9)), 400, "VALIDATION_ERROR");
    await expectError(await createWith("huge", "x".repeat(1025)), 400, "VALIDATION_ERROR");
    const change = (newPassword: string) =>
      call("/api/me/password", { method: "POST", cookie: alice.cookie, json: { currentPassword: PASSWORD, newPassword } });
    await expectError(await change("x".repeat(1025)), 400, "VALIDATION_ERROR");
    await expectError(await change("x".repeat(9)), 400, "VALIDATION_ERROR");
  });

  it("refuses an over-long password at sign-in before spending PBKDF2 on it", async () => {
    await expectError(
      await call("/api/auth/login", { method: "POST", json: { username: "alice", password: "x".repeat(1025) } }),
      400,
      "VALIDATION_ERROR",
    );
  });
});

describe("roles", () => {
  it("come only from the closed set", async () => {
    for (const role of ["Admin", "ADMIN", "root", "", null, ["admin"], { admin: true }, 1]) {
      await expectError(
        await call("/api/users", { method: "POST", cookie: admin.cookie, json: { username: "roley", password: PASSWORD, role } }),
        400,
        "VALIDATION_ERROR",
      );
      await expectError(
        await call(`/api/users/${alice.id}`, { method: "PATCH", cookie: admin.cookie, json: { role } }),
        400,
        "VALIDATION_ERROR",
      );
    }
    expect(await (await call("/api/me", { cookie: alice.cookie })).json()).toMatchObject({ user: { role: "user" } });
  });
});

describe("ids", () => {
  const BAD_IDS = [
    "abc",
    "-1",
    "0",
    "1e309",
    "1e3",
    "1.5",
    "0x10",
    "12345678901234567890",
    "9".repeat(16),
    "%20",
    "1%00",
    "Infinity",
    "NaN",
    "x".repeat(2000),
  ];

  it("are validated on every route that takes one: a clean 400, never a 5xx", async () => {
    for (const id of BAD_IDS) {
      await expectError(await call(`/api/keys/${id}`, { method: "DELETE", cookie: alice.cookie }), 400, "VALIDATION_ERROR");
      await expectError(await call(`/api/users/${id}`, { method: "DELETE", cookie: admin.cookie }), 400, "VALIDATION_ERROR");
      await expectError(
        await call(`/api/users/${id}`, { method: "PATCH", cookie: admin.cookie, json: { role: "user" } }),
        400,
        "VALIDATION_ERROR",
      );
      await expectError(await call(`/api/keys?userId=${id}`, { cookie: admin.cookie }), 400, "VALIDATION_ERROR");
      await expectError(
        await call(`/api/keys/${id}`, { method: "PATCH", cookie: alice.cookie, json: { enabled: false } }),
        400,
        "VALIDATION_ERROR",
      );
      await expectError(
        await call(`/api/keys/${id}/roll`, { method: "POST", cookie: alice.cookie, json: { graceSeconds: 0 } }),
        400,
        "VALIDATION_ERROR",
      );
      await expectError(await call(`/api/data/get_api_info/${id}`, { cookie: alice.cookie }), 400, "VALIDATION_ERROR");
    }
  });

  it("in a body are validated too", async () => {
    // A numeric string ("1") is a valid id there: Pinepods' web client sends them (test/pinepods/compatibility.test.ts).
    // biome-ignore lint/correctness/noPrecisionLoss: numbers past what JavaScript holds exactly are part of the hostile input.
    for (const api_id of ["1x", " 1", "-1", -1, 0, 1.5, 1e309, 12345678901234567890, null, [1], { id: 1 }]) {
      const response = await call("/api/data/delete_api_key", { method: "DELETE", cookie: alice.cookie, json: { api_id } });
      await expectError(response, 400, "VALIDATION_ERROR");
    }
  });

  it("that are well-formed but unknown answer 404", async () => {
    await expectError(await call(`/api/keys/${"9".repeat(15)}`, { method: "DELETE", cookie: alice.cookie }), 404, "NOT_FOUND");
    await expectError(await call(`/api/users/${"9".repeat(15)}`, { method: "DELETE", cookie: admin.cookie }), 404, "NOT_FOUND");
  });
});

describe("credential headers", () => {
  it("answer odd or oversized values with a clean 4xx in the error shape", async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ authorization: `Bearer ${"a".repeat(100_000)}` }, 400],
      [{ "x-api-key": "k".repeat(10_000) }, 400],
      [{ "api-key": "k".repeat(257) }, 400],
      [{ authorization: "Bearer" }, 401],
      [{ authorization: "Bearer\tpodk_x" }, 401],
      [{ authorization: "bearer podk_x podk_y" }, 401],
      [{ authorization: "Basic YWxpY2U6cGFzc3dvcmQ=" }, 401],
      [{ authorization: "Digest username=alice" }, 401],
      [{ authorization: "Bearer podk_%00%0a" }, 401],
      [{ "x-api-key": "   " }, 401],
      [{ cookie: `podkeys_session=${"s".repeat(5000)}` }, 401],
      [{ cookie: "podkeys_session=%ZZ; podkeys_session=" }, 401],
    ];
    for (const [headers, status] of cases) {
      const response = await call("/api/me", { headers });
      expect(response.status, JSON.stringify(headers).slice(0, 80)).toBe(status);
      await expectError(response, status);
    }
  });
});

describe("keys per user", () => {
  it("stop at the configured maximum (100 by default) with a 409 that says so", async () => {
    const bob = await createUser(admin.cookie, "bob");
    const max = Number(env.MAX_KEYS_PER_USER);
    expect(max).toBe(100);
    for (let batch = 0; batch < max; batch += 25) {
      await Promise.all(Array.from({ length: Math.min(25, max - batch) }, (_, i) => createKey(bob.cookie, `key ${batch + i}`)));
    }
    const error = await expectError(
      await call("/api/keys", { method: "POST", cookie: bob.cookie, json: { name: "one too many" } }),
      409,
      "KEY_LIMIT_REACHED",
    );
    expect(error.message).toContain(String(max));
    expect(await env.DB.prepare("SELECT count(*) AS n FROM api_keys WHERE user_id = ?").bind(bob.id).first<number>("n")).toBe(max);
    // Other users are unaffected, and deleting one key makes room for one more.
    expect((await call("/api/keys", { method: "POST", cookie: alice.cookie, json: { name: "alice's" } })).status).toBe(201);
    const { keys } = await (await call("/api/keys", { cookie: bob.cookie })).json<{ keys: Array<{ id: number }> }>();
    expect((await call(`/api/keys/${keys[0]!.id}`, { method: "DELETE", cookie: bob.cookie })).status).toBe(204);
    expect((await call("/api/keys", { method: "POST", cookie: bob.cookie, json: { name: "replacement" } })).status).toBe(201);
  });

  it("follow MAX_KEYS_PER_USER when it is configured differently", async () => {
    const carol = await createUser(admin.cookie, "carol");
    const withThree = { ...env, MAX_KEYS_PER_USER: "3" };
    const create = async () =>
      app.request(
        "/api/keys",
        { method: "POST", headers: { cookie: carol.cookie, "content-type": "application/json" }, body: '{"name":"k"}' },
        withThree,
      );
    for (let i = 0; i < 3; i++) expect((await create()).status).toBe(201);
    const error = await expectError(await create(), 409, "KEY_LIMIT_REACHED");
    expect(error.message).toContain("3");
  });
});
