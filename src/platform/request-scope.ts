import { createDb, type Db } from "../db/client";
import { clientAddress, requestCountry } from "../lib/client-address";
import { type Config, config, type Env } from "./config";

/** Only waitUntil is needed (env.ts's WaitUntil; written here so env.ts may import this file's types). */
type WaitUntil = Pick<ExecutionContext, "waitUntil">;

/**
 * What a service needs from its request — never Hono's Context, so services run the same from RPC,
 * cron or a test: the bindings, the D1 connection (and its Drizzle client), the parsed settings, the
 * clock, waitUntil for work after the answer, and who asked (address, country, user agent, request id).
 * Built once per request by the app's middleware (`provideScope`, http/request-scope.ts); routers hand it down.
 */
export interface RequestScope {
  /** Bindings (DB, the rate limiters): read settings through `config`, never from here. */
  env: Env;
  /** The D1 connection this scope writes through: the binding, or a Sessions API session (writeScope). */
  d1: D1Database | D1DatabaseSession;
  db: Db;
  config: Config;
  now: () => number;
  waitUntil: WaitUntil;
  ip: string | null;
  country: string | null;
  userAgent: string | null;
  requestId: string | undefined;
}

/** A scope for a request, its context's waitUntil read only when used (app.request() in tests has none). */
export function requestScope(request: Request, env: Env, ctx: () => WaitUntil, requestId: string | undefined): RequestScope {
  return {
    env,
    d1: env.DB,
    db: createDb(env.DB),
    config: config(env),
    now: Date.now,
    waitUntil: { waitUntil: (work) => ctx().waitUntil(work) },
    ip: clientAddress(request),
    country: requestCountry(request) ?? null,
    userAgent: request.headers.get("user-agent"),
    requestId,
  };
}
