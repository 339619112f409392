import { type CallInit, callWith, createUser, env, PASSWORD } from "../helpers";
import { ORIGIN_USERS } from "./pinepods-origin.js";

/** Helpers for the gateway suites: the Worker with ORIGIN_URL set, and the stand-in origin's record. */
export { EPISODE, ORIGIN_USERS } from "./pinepods-origin.js";

export const ORIGIN_URL = "http://pinepods.test";
export const APP = "https://lite.example";

export interface Received {
  method: string;
  host: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * A request through the real Worker, deployed with ORIGIN_URL pointing at the stand-in Pinepods server.
 * Every answer is checked on the way: no header and no body of any answer holds an origin key or the
 * origin's host (expectNoOriginSecrets), whatever the test is about.
 */
export async function gateway(path: string, init: CallInit = {}, overrides: Record<string, unknown> = {}) {
  const response = await callWith({ ORIGIN_URL, ...overrides }, path, init);
  await expectNoOriginSecrets(response, String(overrides.ORIGIN_URL || ORIGIN_URL));
  return response;
}

/** Throws when the answer's headers or body (read from a clone; a WebSocket's headers only) name an origin key or the origin's host. */
export async function expectNoOriginSecrets(response: Response, originUrl = ORIGIN_URL) {
  const host = new URL(originUrl).host;
  const secrets = [host, ...Object.values(ORIGIN_USERS).map((user) => user.key)];
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  const body = response.webSocket || response.body === null ? "" : new TextDecoder().decode(await response.clone().arrayBuffer());
  for (const secret of secrets) {
    if (headers.includes(secret) || body.includes(secret)) {
      throw new Error(`an answer (${response.status}) holds ${secret === host ? "the origin's host" : "an origin key"}`);
    }
  }
}

/** What the stand-in origin received since the last clear. */
export async function received(): Promise<Received[]> {
  return (await fetch(`${ORIGIN_URL}/__received`)).json();
}
export async function clearReceived(): Promise<void> {
  await fetch(`${ORIGIN_URL}/__received`, { method: "DELETE" });
}

export const apiKey = (key: string) => ({ "api-key": key });
export const basic = (username: string, password = PASSWORD) => ({ authorization: `Basic ${btoa(`${username}:${password}`)}` });

/** A Podkeys user linked to the origin account of the same name (bob → origin user 7). */
export async function linkedUser(adminCookie: string, name: keyof typeof ORIGIN_USERS) {
  const user = await createUser(adminCookie, name);
  const response = await gateway("/api/me/origin", {
    method: "PUT",
    cookie: user.cookie,
    json: { username: name, password: ORIGIN_USERS[name].password },
  });
  if (response.status !== 200) throw new Error(`link failed: ${response.status} ${await response.text()}`);
  return user;
}

/** Every value in every table of the local D1, as text. */
export async function everyStoredValue(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const dumps: string[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    dumps.push(`${name}: ${JSON.stringify(results)}`);
  }
  return dumps.join("\n");
}
