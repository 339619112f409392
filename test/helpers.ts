import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { z } from "@hono/zod-openapi";
import { hc } from "hono/client";
import type { AppType } from "../src/app";
import type { Role } from "../src/db/schema";
import worker from "../src/index";
import { base32Decode, hotp, totpStep } from "../src/lib/totp";
import type { CreatedKeySchema, CreateKeyBodySchema, ListedKey } from "../src/services/keys/keys.schemas";

export const ORIGIN = "http://podkeys.test";
export const SETUP_TOKEN = "test-setup-token";
export const PASSWORD = "correct horse battery";

export type CallInit = RequestInit & { cookie?: string; key?: string; json?: unknown };

function buildRequest(path: string, init: CallInit): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return new Request(`${ORIGIN}${path}`, { ...init, headers, body });
}

/** A request through the Worker's own fetch handler, as a client would make it. */
export function call(path: string, init: CallInit = {}) {
  return exports.default.fetch(buildRequest(path, init));
}

/**
 * The same, through the Worker's fetch with some bindings replaced (a deployment's settings, a D1
 * that counts or fails); waits for the work the request left to waitUntil.
 */
export async function callWith(bindings: Partial<Cloudflare.Env>, path: string, init: CallInit = {}) {
  const ctx = createExecutionContext();
  // Requests made in a test carry no `cf` object; the handler never needs it.
  const request = buildRequest(path, init) as Parameters<typeof worker.fetch>[0];
  const response = await worker.fetch(request, { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/**
 * The API through a client typed from the app's own routes (`hc<AppType>`): paths, parameters, bodies
 * and answers are checked by the compiler. Requests go through the Worker's whole fetch, pipeline
 * and key gate included, as a program's would.
 */
export function apiClient(credentials: { cookie?: string; key?: string } = {}) {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.key) headers.authorization = `Bearer ${credentials.key}`;
  return hc<AppType>(ORIGIN, {
    headers,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
  }).api;
}

export function sessionCookie(response: { status: number; headers: Headers }): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith("podkeys_session="));
  if (!header) throw new Error(`no session cookie in ${response.status} answer`);
  return header.split(";")[0]!;
}

async function failure(response: { status: number; text(): Promise<string> }, what: string) {
  return new Error(`${what} failed: ${response.status} ${await response.text()}`);
}

export async function setupAdmin(username = "admin") {
  const response = await apiClient().setup.$post({ json: { token: SETUP_TOKEN, username, password: PASSWORD } });
  if (response.status !== 201) throw await failure(response, "setup");
  const { user } = await response.json();
  return { cookie: sessionCookie(response), id: user.id };
}

export async function login(username: string, password = PASSWORD) {
  const response = await apiClient().auth.login.$post({ json: { username, password } });
  if (response.status !== 200) throw await failure(response, "login");
  return sessionCookie(response);
}

export async function createUser(adminCookie: string, username: string, role: Role = "user") {
  const response = await apiClient({ cookie: adminCookie }).users.$post({ json: { username, password: PASSWORD, role } });
  if (response.status !== 201) throw await failure(response, "user creation");
  const { user } = await response.json();
  return { id: user.id, cookie: await login(username) };
}

/** The cast of the key suites: the first admin and two standard users, kim and lee. */
export async function setupAdminKimAndLee() {
  const admin = await setupAdmin("admin");
  return { admin, kim: await createUser(admin.cookie, "kim"), lee: await createUser(admin.cookie, "lee") };
}

export type { ListedKey };
export type CreatedKey = z.infer<typeof CreatedKeySchema>;

export async function createKey(
  cookie: string,
  name = "Kodi living room",
  options: Omit<z.input<typeof CreateKeyBodySchema>, "name"> = {},
): Promise<CreatedKey> {
  const response = await apiClient({ cookie }).keys.$post({ json: { name, ...options } });
  if (response.status !== 201) throw await failure(response, "key creation");
  return response.json();
}

/**
 * The answer is this error, in the one shape, with `requestId` equal to `X-Request-Id`. Returns the
 * code and message (without the request id, so two answers can be compared).
 */
export async function expectError(response: { status: number; headers?: Headers; text(): Promise<string> }, status: number, code?: string) {
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string; requestId?: string } };
  if (response.status !== status || (code && body.error.code !== code) || typeof body.error.message !== "string") {
    throw new Error(`expected ${status} ${code ?? ""}, got ${response.status} ${text}`);
  }
  if (response.headers && body.error.requestId !== (response.headers.get("x-request-id") ?? undefined)) {
    throw new Error(`expected the body's requestId to be X-Request-Id, got ${text}`);
  }
  const { requestId: _, ...error } = body.error;
  return error;
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
  return (
    await env.DB.prepare(query)
      .bind(...params)
      .all<T>()
  ).results;
}

export { env };

/**
 * The current TOTP code for a secret, computed like an authenticator app (RFC 6238, SHA-1, 30 s,
 * 6 digits; test/auth/totp.test.ts checks the algorithm against the RFC's vectors). `stepOffset`
 * picks a neighbouring step, for a second code the server has not seen yet (it accepts ±1 step).
 */
export async function totpCode(secret: string, stepOffset = 0): Promise<string> {
  return hotp(base32Decode(secret), totpStep(Date.now()) + stepOffset);
}

/** Enrols and confirms two-factor sign-in for the session's user. */
export async function enableTwoFactor(cookie: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrol = await call("/api/me/two-factor", { method: "POST", cookie });
  if (enrol.status !== 200) throw new Error(`enrolment failed: ${enrol.status} ${await enrol.text()}`);
  const { secret } = await enrol.json<{ secret: string }>();
  const confirm = await call("/api/me/two-factor/confirm", { method: "POST", cookie, json: { code: await totpCode(secret) } });
  if (confirm.status !== 200) throw new Error(`confirmation failed: ${confirm.status} ${await confirm.text()}`);
  const { recoveryCodes } = await confirm.json<{ recoveryCodes: string[] }>();
  return { secret, recoveryCodes };
}
