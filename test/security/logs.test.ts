import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { call, env, ORIGIN, PASSWORD, SETUP_TOKEN, sessionCookie } from "../helpers";
import { capturedLogs, SECRET_SHAPES } from "./log-capture";

interface LogLine {
  level: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

/**
 * One whole life of a deployment — setup, sign-ins, keys created, used in every header, verified,
 * refused, deleted, a user deleted — with every secret it handled collected along the way.
 */
async function fullFlow() {
  const secrets: string[] = [SETUP_TOKEN, PASSWORD, "a new password!"];
  const responses: Response[] = [];
  const send = async (path: string, init: Parameters<typeof call>[1] = {}) => {
    const response = await call(path, init);
    responses.push(response);
    for (const cookie of response.headers.getSetCookie()) {
      const token = cookie.split(";")[0]!.split("=")[1];
      if (token) secrets.push(token, await sha256Hex(token));
    }
    return response;
  };

  const admin = sessionCookie(
    await send("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username: "admin", password: PASSWORD } }),
  );
  await send("/api/users", { method: "POST", cookie: admin, json: { username: "alice", password: PASSWORD } });
  const alice = sessionCookie(await send("/api/auth/login", { method: "POST", json: { username: "alice", password: PASSWORD } }));
  await send("/api/auth/login", { method: "POST", json: { username: "alice", password: "wrong password" } });

  const keys: Array<{ key: string; id: number }> = [];
  for (const name of ["Kodi", "phone"]) {
    const created = await (await send("/api/keys", { method: "POST", cookie: alice, json: { name } })).json<{
      key: string;
      apiKey: { id: number };
    }>();
    keys.push({ key: created.key, id: created.apiKey.id });
    secrets.push(created.key, await sha256Hex(created.key));
  }
  const [kodi, phone] = keys as [{ key: string; id: number }, { key: string; id: number }];
  await send("/api/me", { key: kodi.key });
  await send("/api/keys", { headers: { "x-api-key": kodi.key } });
  await send("/api/me", { headers: { "api-key": phone.key } });
  await send("/api/keys/verify", { method: "POST", json: { key: phone.key } });
  await send("/api/keys/verify", { method: "POST", json: { key: kodi.key.slice(0, -1) } });
  await send("/api/me", { key: `${kodi.key.slice(0, -2)}zz` });
  // Mistakes that put a key where it does not belong: a path, a query string, a write with a key.
  await send(`/api/keys/${kodi.key}`, { method: "DELETE", cookie: alice });
  await send(`/api/me?key=${kodi.key}&api_key=${phone.key}`);
  await send("/api/keys", { method: "POST", key: kodi.key, json: { name: "nope" } });
  // Refusals of every kind.
  await send("/api/keys", { method: "POST", cookie: alice, headers: { origin: "https://evil.example" }, json: { name: "forged" } });
  await send("/api/keys", { method: "POST", cookie: alice, body: kodi.key, headers: { "content-type": "text/plain" } });
  await send("/api/keys/verify", { method: "POST", body: `{"key":"${kodi.key}"`, headers: { "content-type": "application/json" } });
  await send("/api/auth/login", { method: "POST", json: { username: "alice", password: kodi.key.repeat(400) } });
  await send("/api/me/password", {
    method: "POST",
    cookie: alice,
    headers: { origin: ORIGIN },
    json: { currentPassword: PASSWORD, newPassword: "a new password!" },
  });
  await send(`/api/keys/${phone.id}`, { method: "DELETE", cookie: alice });
  await send("/api/me", { headers: { "api-key": phone.key } });
  const aliceId = (await env.DB.prepare("SELECT id FROM users WHERE username = 'alice'").first<number>("id"))!;
  await send(`/api/users/${aliceId}`, { method: "DELETE", cookie: admin });
  await send("/api/me", { key: kodi.key });
  await send("/api/auth/logout", { method: "POST", cookie: admin });

  const hashes = await env.DB.prepare("SELECT password_hash AS h FROM users").all<{ h: string }>();
  secrets.push(...hashes.results.flatMap(({ h }) => [h, ...h.split("$").slice(2)]));
  return { secrets, responses };
}

describe("the Worker's logs", () => {
  it("hold no key, hash, session token, password or setup token, after a whole flow", async () => {
    const before = capturedLogs().length;
    const { secrets, responses } = await fullFlow();
    const lines = capturedLogs().slice(before);
    expect(lines.length).toBeGreaterThanOrEqual(responses.length);
    const everything = lines.join("\n");
    for (const secret of new Set(secrets)) {
      expect(everything.includes(secret), `a secret (${secret.slice(0, 6)}…) was logged`).toBe(false);
    }
    for (const [shape, pattern] of Object.entries(SECRET_SHAPES)) {
      expect(pattern.test(everything), `something shaped like a ${shape} was logged`).toBe(false);
    }
  });

  it("write one JSON line per request: id, method, path without query, status, duration", async () => {
    const before = capturedLogs().length;
    // The last one is answered by the key gate, ahead of the router: it logs the same line.
    const responses = [
      await call("/healthz"),
      await call("/api/me?token=abc"),
      await call("/api/nope", { method: "DELETE" }),
      await call("/api/me", { key: "podk_nope" }),
    ];
    const lines = capturedLogs()
      .slice(before)
      .map((line) => JSON.parse(line) as LogLine);
    expect(lines).toHaveLength(responses.length);
    responses.forEach((response, i) => {
      expect(lines[i]).toEqual({
        level: "info",
        requestId: response.headers.get("x-request-id"),
        method: ["GET", "GET", "DELETE", "GET"][i],
        path: ["/healthz", "/api/me", "/api/nope", "/api/me"][i],
        status: response.status,
        durationMs: expect.any(Number),
      });
      expect(lines[i]!.durationMs).toBeGreaterThanOrEqual(0);
    });
  });

  it("redact a path segment long enough to be a secret", async () => {
    const before = capturedLogs().length;
    await call(`/api/keys/podk_${"A".repeat(49)}`, { method: "DELETE" });
    expect(JSON.parse(capturedLogs()[before]!)).toMatchObject({ path: "/api/keys/:redacted", status: 401 });
  });
});
