import { env, exports } from "cloudflare:workers";
import type { ListedKey } from "../src/keys/keys.queries";

export const ORIGIN = "http://podkeys.test";
export const SETUP_TOKEN = "test-setup-token";
export const PASSWORD = "correct horse battery";

/** A request through the Worker's own fetch handler, as a client would make it. */
export function call(path: string, init: RequestInit & { cookie?: string; key?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, body }));
}

export function sessionCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith("podkeys_session="));
  if (!header) throw new Error(`no session cookie in ${response.status} answer`);
  return header.split(";")[0]!;
}

export async function setupAdmin(username = "admin") {
  const response = await call("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username, password: PASSWORD } });
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
  const { user } = await response.json<{ user: { id: number } }>();
  return { cookie: sessionCookie(response), id: user.id };
}

export async function login(username: string, password = PASSWORD) {
  const response = await call("/api/auth/login", { method: "POST", json: { username, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return sessionCookie(response);
}

export async function createUser(adminCookie: string, username: string, role: "admin" | "user" = "user") {
  const response = await call("/api/users", { method: "POST", cookie: adminCookie, json: { username, password: PASSWORD, role } });
  if (response.status !== 201) throw new Error(`user creation failed: ${response.status} ${await response.text()}`);
  const { user } = await response.json<{ user: { id: number } }>();
  return { id: user.id, cookie: await login(username) };
}

export type { ListedKey };

export interface CreatedKey {
  key: string;
  apiKey: ListedKey;
}

export async function createKey(
  cookie: string,
  name = "Kodi living room",
  options: { scope?: "read" | "full"; expiresAt?: string } = {},
): Promise<CreatedKey> {
  const response = await call("/api/keys", { method: "POST", cookie, json: { name, ...options } });
  if (response.status !== 201) throw new Error(`key creation failed: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function expectError(response: Response, status: number, code?: string) {
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  if (response.status !== status || (code && body.error.code !== code) || typeof body.error.message !== "string") {
    throw new Error(`expected ${status} ${code ?? ""}, got ${response.status} ${text}`);
  }
  return body.error;
}

let injected = 0;

/**
 * Fault injection on the real local D1: a SQLite trigger that aborts one kind of write, e.g.
 * `BEFORE UPDATE OF expires_at ON api_keys`, for the duration of `run` (dropped afterwards, whatever happens).
 */
export async function withFailingWrite<T>(when: string, run: () => Promise<T>): Promise<T> {
  const name = `injected_failure_${++injected}`;
  await env.DB.prepare(`CREATE TRIGGER ${name} ${when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`).run();
  try {
    return await run();
  } finally {
    await env.DB.prepare(`DROP TRIGGER ${name}`).run();
  }
}

/** A failed dependency: a 5xx in the one error shape that says nothing about what failed inside. */
export async function expectServerError(response: Response) {
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  if (response.status < 500 || typeof body.error?.code !== "string" || /injected|sqlite|trigger|D1_/i.test(text)) {
    throw new Error(`expected an opaque 5xx error, got ${response.status} ${text}`);
  }
  return body.error;
}

/** Rows of a table, read straight from D1 (what is really stored, not what the API chooses to show). */
export async function rows<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(query).bind(...params).all<T>()).results;
}

export { env };
