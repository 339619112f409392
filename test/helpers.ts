import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import worker from "../src/index";
import type { ListedKey } from "../src/keys/keys.queries";

export const ORIGIN = "http://podkeys.test";
export const SETUP_TOKEN = "test-setup-token";
export const PASSWORD = "correct horse battery";

export type CallInit = RequestInit & { cookie?: string; key?: string; json?: unknown };

/** A request through the Worker's own fetch handler, as a client would make it. */
export function call(path: string, init: CallInit = {}) {
  return exports.default.fetch(clientRequest(path, init));
}

/**
 * The same Worker with some vars or bindings as another deployment would set them (ORIGIN_URL, no
 * rate limiter, …): its default export's fetch, with the test's D1 and everything else unchanged.
 */
export async function callWithEnv(overrides: Partial<typeof env>, path: string, init: CallInit = {}) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(clientRequest(path, init) as Parameters<typeof worker.fetch>[0], { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function clientRequest(path: string, init: CallInit): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return new Request(path.startsWith("http") ? path : `${ORIGIN}${path}`, { ...init, headers, body });
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

export { env };
