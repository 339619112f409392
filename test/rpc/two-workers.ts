import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { inject } from "vitest";
import { unstable_readConfig } from "wrangler";
// The bench's migration runner: drizzle-kit's SQL files, statement by statement.
import { applyMigrations } from "../../bench/seed.mjs";

export const PASSWORD = "correct horse battery";
const SETUP_TOKEN = "rpc-test-setup-token";

export interface TwoWorkers {
  /** A request to Podkeys itself, as a browser on its own page would make it. */
  podkeys: (path: string, init?: { method?: string; json?: unknown; cookie?: string }) => Promise<Response>;
  /** A request to the calling Worker, bound to Podkeys' KeyService as `PODKEYS`. */
  consumer: (path: string, init?: { method?: string; json?: unknown; headers?: Record<string, string> }) => Promise<Response>;
  /** SQL on Podkeys' own D1, for states no API makes (an expired key, a missing table). */
  sql: (statement: string) => Promise<void>;
  /** Everything both Workers wrote to stdout and stderr so far. */
  output: () => string;
  dispose: () => Promise<void>;
}

/**
 * The check the issue describes, from outside: Podkeys' built bundle and a consumer Worker in one
 * workerd (Miniflare), the consumer bound to the `KeyService` entrypoint, each with its own socket.
 */
export async function startTwoWorkers(): Promise<TwoWorkers> {
  const bundles = inject("rpcBundles");
  const config = unstable_readConfig({ config: "wrangler.toml" });
  let output = "";
  const mf = new Miniflare({
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.on("data", (chunk: Buffer) => (output += chunk));
      stderr.on("data", (chunk: Buffer) => (output += chunk));
    },
    workers: [
      {
        name: "consumer",
        modules: [{ type: "ESModule", path: "consumer.js", contents: bundles.consumer }],
        compatibilityDate: config.compatibility_date,
        serviceBindings: { PODKEYS: { name: "podkeys", entrypoint: "KeyService" } },
      },
      {
        name: "podkeys",
        modules: [{ type: "ESModule", path: "index.js", contents: bundles.podkeys }],
        compatibilityDate: config.compatibility_date,
        compatibilityFlags: config.compatibility_flags,
        bindings: { ...(config.vars as Record<string, string>), SETUP_TOKEN },
        d1Databases: { DB: "podkeys" },
        // The failed-key limiter as wrangler.toml declares it, so limits over the binding are real.
        ratelimits: Object.fromEntries(
          ((config.ratelimits ?? []) as { name: string; simple: { limit: number; period: 10 | 60 } }[]).map((limit) => [
            limit.name,
            { simple: { limit: limit.simple.limit, period: limit.simple.period } },
          ]),
        ),
      },
    ],
  });
  await mf.ready;
  const db = await mf.getD1Database("DB", "podkeys");
  await applyMigrations(db);
  const podkeysWorker = await mf.getWorker("podkeys");
  const consumerWorker = await mf.getWorker("consumer");

  const request = (init: { method?: string; json?: unknown; headers?: Record<string, string> }) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.json !== undefined) headers["content-type"] = "application/json";
    // Miniflare's getWorker().fetch refuses an Origin header; Sec-Fetch-Site is what Podkeys' CSRF check reads first.
    headers["sec-fetch-site"] = "same-origin";
    return {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    };
  };
  return {
    podkeys: (path, init = {}) =>
      podkeysWorker.fetch(
        `http://podkeys.test${path}`,
        request({ ...init, headers: init.cookie ? { cookie: init.cookie } : {} }),
      ) as unknown as Promise<Response>,
    consumer: (path, init = {}) => consumerWorker.fetch(`http://consumer.test${path}`, request(init)) as unknown as Promise<Response>,
    sql: async (statement) => void (await db.exec(statement)),
    output: () => output,
    dispose: () => mf.dispose(),
  };
}

/** Setup, a standard user `alice`, and her session: everything a test needs to make keys over HTTP. */
export async function seedAlice(workers: TwoWorkers) {
  const api = async (path: string, init: { method?: string; json?: unknown; cookie?: string }) => {
    const response = await workers.podkeys(path, init);
    if (!response.ok) throw new Error(`${init.method ?? "POST"} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const cookieOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .find((c) => c.startsWith("podkeys_session="))!
      .split(";")[0]!;
  const admin = cookieOf(await api("/api/setup", { json: { token: SETUP_TOKEN, username: "admin", password: PASSWORD } }));
  const { user } = (await (
    await api("/api/users", { json: { username: "alice", password: PASSWORD, role: "user" }, cookie: admin })
  ).json()) as {
    user: { id: number };
  };
  const cookie = cookieOf(await api("/api/auth/login", { json: { username: "alice", password: PASSWORD } }));
  const createKey = async (
    name: string,
    options: { scope?: "read" | "full"; expiresAt?: string; permissions?: Record<string, "read" | "write"> } = {},
  ) => (await (await api("/api/keys", { json: { name, ...options }, cookie })).json()) as { key: string; apiKey: { id: number } };
  return { userId: user.id, cookie, createKey, api };
}
