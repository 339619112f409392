import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { createKey, createUser, env, login, ORIGIN, PASSWORD, setupAdmin } from "../helpers";

// Generous limits: hundreds of generated requests, on a machine other suites share.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

/**
 * Property-based fuzzing of the whole Worker, in workerd against the real D1: random and hostile
 * methods, paths, headers and bodies. Whatever arrives, the answer is below 500, every error has the
 * one shape, and no key, hash or session token that exists in the system is ever in an answer.
 */

let secrets: string[] = [];
let credentials: { cookies: string[]; keys: string[] };

beforeAll(async () => {
  const admin = await setupAdmin();
  const alice = await createUser(admin.cookie, "alice");
  // Several sessions each, so a fuzzed sign-out or password change cannot end every one.
  const cookies = [admin.cookie, await login("admin"), alice.cookie, await login("alice"), await login("alice")];
  const keys = [
    (await createKey(alice.cookie, "fuzz 1")).key,
    (await createKey(alice.cookie, "fuzz 2")).key,
    (await createKey(admin.cookie, "fuzz 3")).key,
  ];
  credentials = { cookies, keys };
  const tokens = cookies.map((cookie) => cookie.split("=")[1]!);
  const stored = await env.DB.prepare(
    "SELECT key_hash AS s FROM api_keys UNION ALL SELECT id FROM sessions UNION ALL SELECT password_hash FROM users",
  ).all<{ s: string }>();
  secrets = [...keys, ...tokens, ...(await Promise.all([...keys, ...tokens].map(sha256Hex))), ...stored.results.map((row) => row.s)];
});

// ---- arbitraries -------------------------------------------------------------------------------

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const hugeText = fc.integer({ min: 257, max: 12_000 }).map((n) => "A".repeat(n));
const loneSurrogate = fc.constantFrom("\ud800", "\udfff", "a\ud83c", "\ude00b");
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "binary-ascii", maxLength: 60 }),
  loneSurrogate,
  hugeText,
);

const id = fc.oneof(
  fc.nat({ max: 20 }).map(String),
  fc.constantFrom(
    "0",
    "-1",
    "abc",
    "1e309",
    "1.5",
    "0x10",
    "12345678901234567890",
    "9".repeat(400),
    "%00",
    "%2e%2e",
    "..%2f..%2fetc%2fpasswd",
    "__proto__",
    "constructor",
    "null",
    "undefined",
    "NaN",
  ),
  printable.map(encodeURIComponent),
);

// Weighted towards real routes, so most requests get past routing into the handlers.
const path = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "/healthz",
      "/api/setup",
      "/api/auth/login",
      "/api/auth/logout",
      "/api/me",
      "/api/me/password",
      "/api/keys",
      "/api/keys/verify",
      "/api/users",
      "/api/audit",
      "/api/openapi.json",
      "/api/data/verify_key",
      "/api/data/get_user",
      "/api/data/get_key",
      "/api/data/create_api_key",
      "/api/data/delete_api_key",
    ),
  },
  { weight: 2, arbitrary: id.map((x) => `/api/keys/${x}`) },
  id.map((x) => `/api/keys/${x}/roll`),
  id.map((x) => `/api/data/get_api_info/${x}`),
  fc.tuple(id, id).map(([cursor, limit]) => `/api/audit?cursor=${cursor}&limit=${limit}`),
  { weight: 2, arbitrary: id.map((x) => `/api/users/${x}`) },
  id.map((x) => `/api/keys?userId=${x}`),
  fc.constantFrom(
    "/",
    "/api",
    "/api/",
    "//api//keys",
    "/api/keys/",
    "/api/./me",
    "/api/%2e%2e/api/me",
    "/API/KEYS",
    "/api/keys/verify/extra",
    "/api/me;jsessionid=1",
    "/api/keys#frag",
  ),
  fc.array(printable.map(encodeURIComponent), { maxLength: 6 }).map((segments) => `/api/${segments.join("/")}`),
  fc.constant(null).map(() => `/api/keys/${credentials.keys[0]}`), // a real key where an id belongs
);

// workerd itself refuses methods outside the HTTP registry it knows, so only those can reach the Worker.
const method = fc.constantFrom(
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
  "PROPFIND",
  "PURGE",
  "MKCOL",
  "REPORT",
  "get",
  "post",
  "patch",
);

const realCookie = fc.nat().map((i) => credentials.cookies[i % credentials.cookies.length]!);
const realKey = fc.nat().map((i) => credentials.keys[i % credentials.keys.length]!);
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const keyish = fc.oneof(
  realKey,
  printable,
  hugeText,
  realKey.map((k) => `${k.slice(0, -1)}x`),
  realKey.map((k) => k.toUpperCase()),
);

const headers = fc.record(
  {
    authorization: fc.oneof(
      keyish.map((k) => `Bearer ${k}`),
      fc.constantFrom(
        "Bearer",
        "Bearer ",
        "bearer  x  y",
        "Basic YWxpY2U6cGFzc3dvcmQ=",
        "Basic ",
        "Basic ====",
        "Basic %%%",
        "Digest x",
        "Token abc",
        "Bearer\tx",
        "Bearer %00",
      ),
      fc.tuple(anyText, anyText).map(([user, password]) => `Basic ${base64(`${user}:${password}`)}`),
      fc.constant(null).map(() => `Basic ${btoa(`alice:${PASSWORD}`)}`),
      printable,
      hugeText.map((t) => `Bearer ${t}`),
    ),
    "x-api-key": keyish,
    "api-key": keyish,
    cookie: fc.oneof(
      realCookie,
      printable.map((t) => `podkeys_session=${t}`),
      hugeText.map((t) => `podkeys_session=${t}`),
      realCookie.map((c) => `${c}; ${c}x`),
    ),
    "content-type": fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "application/problem+json",
      "",
      "json",
      "application/json, text/plain",
    ),
    origin: fc.constantFrom(ORIGIN, "https://evil.example", "null", "http://podkeys.test:8080", "file://"),
    "sec-fetch-site": fc.constantFrom("same-origin", "same-site", "cross-site", "none", "bogus"),
    "cf-connecting-ip": fc.oneof(fc.ipV4(), fc.ipV6(), printable),
    "x-forwarded-for": printable,
    "accept-encoding": fc.constantFrom("gzip", "br", "identity", "*"),
  },
  { requiredKeys: [] },
);

const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyText, fc.double(), fc.bigInt().map(String));
const fields = fc.record(
  {
    name: jsonish,
    key: fc.oneof(realKey, jsonish),
    username: fc.oneof(fc.constantFrom("alice", "ALICE", "admin", "new-user", ""), jsonish),
    password: fc.oneof(fc.constant(PASSWORD), jsonish),
    currentPassword: fc.oneof(fc.constant("not the password"), jsonish),
    newPassword: jsonish,
    role: fc.oneof(fc.constantFrom("admin", "user", "Admin", "root"), jsonish),
    token: jsonish,
    enabled: fc.oneof(fc.boolean(), jsonish),
    graceSeconds: fc.oneof(fc.integer({ min: -10, max: 700_000 }), jsonish),
    scope: fc.oneof(fc.constantFrom("read", "full", "admin"), jsonish),
    expiresAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      jsonish,
    ),
    user_id: fc.oneof(fc.nat(5), jsonish),
    rssonly: fc.oneof(fc.boolean(), jsonish),
    api_id: fc.oneof(fc.nat(10), jsonish),
    __proto__: fc.constant({ role: "admin", isAdmin: true }),
  },
  { requiredKeys: [] },
);

const deepNesting = fc.integer({ min: 100, max: 5000 }).map((n) => "[".repeat(n) + "]".repeat(n));
const body = fc.oneof(
  fc.constant(undefined),
  fields.map((f) => JSON.stringify(f)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"role":"admin"},"name":"x"}',
    '{"constructor":{"prototype":{"role":"admin"}},"name":"x"}',
    '{"name":"a","name":"b"}',
    '\ufeff{"name":"bom"}',
    '{"name":"\\ud800"}',
    '{"key":1e309}',
    `{"name":${"9".repeat(5000)}}`,
    "{",
    "",
    "null",
  ),
  deepNesting,
  fc.integer({ min: 1, max: 3000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(",")}}`),
  anyText,
);

interface Probe {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}
const probe: fc.Arbitrary<Probe> = fc.record({ method, path, headers, body });

// ---- the properties ----------------------------------------------------------------------------

async function send({ method, path, headers, body }: Probe) {
  const withBody = body !== undefined && !["GET", "HEAD"].includes(method.toUpperCase());
  const request = new Request(`${ORIGIN}${path}`, { method, headers, body: withBody ? body : undefined });
  const response = await exports.default.fetch(request);
  return { response, text: await response.text() };
}

async function checkAnswer(input: Probe) {
  const { response, text } = await send(input);
  const where = `${input.method} ${input.path} → ${response.status} ${text.slice(0, 200)}`;
  expect(response.status, where).toBeLessThan(500);
  if (response.status >= 400 && input.method.toUpperCase() !== "HEAD") {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(Object.keys(parsed), where).toEqual(["error"]);
    expect(parsed.error?.code, where).toMatch(/^[A-Z_]+$/);
    expect(typeof parsed.error?.message, where).toBe("string");
  }
  const answer = `${text}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n")}`;
  for (const secret of secrets) expect(answer.includes(secret), `${where} echoed a secret`).toBe(false);
}

describe("fuzzing every endpoint", () => {
  it("answers random and hostile requests below 500, in the error shape, without secrets", async () => {
    await fc.assert(fc.asyncProperty(probe, checkAnswer), { numRuns: 200 });
  });

  it("answers hostile bodies to authenticated JSON endpoints the same way", async () => {
    const jsonEndpoint = fc.constantFrom(
      { method: "POST", path: "/api/keys" },
      { method: "POST", path: "/api/keys/verify" },
      { method: "POST", path: "/api/me/password" },
      { method: "POST", path: "/api/users" },
      { method: "PATCH", path: "/api/users/2" },
      { method: "POST", path: "/api/auth/login" },
      { method: "POST", path: "/api/setup" },
      { method: "PATCH", path: "/api/keys/1" },
      { method: "POST", path: "/api/keys/2/roll" },
      { method: "POST", path: "/api/data/create_api_key" },
      { method: "DELETE", path: "/api/data/delete_api_key" },
    );
    const authenticated = fc.record({ endpoint: jsonEndpoint, cookie: realCookie, body });
    await fc.assert(
      fc.asyncProperty(authenticated, ({ endpoint, cookie, body }) =>
        checkAnswer({ ...endpoint, body, headers: { cookie, "content-type": "application/json", origin: ORIGIN } }),
      ),
      { numRuns: 100 },
    );
  });
});
