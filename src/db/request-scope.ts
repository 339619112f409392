import type { Context, MiddlewareHandler } from "hono";
import { type Config, config } from "../config";
import type { AppEnv, Env, WaitUntil } from "../env";
import { clientAddress, requestCountry } from "../http/client-address";
import { createDb, type Db } from "./client";
import { returnBookmark, writeSession } from "./d1-session";

/**
 * What a service needs from its request — never Hono's Context, so services run the same from RPC,
 * cron or a test: the bindings, the D1 connection (and its Drizzle client), the parsed settings, the
 * clock, waitUntil for work after the answer, and who asked (address, country, user agent, request id).
 * Built once per request by the app's middleware (`provideScope`); routers hand it down.
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

/** Middleware: builds the request's scope once, for `scopeOf(c)`. */
export const provideScope: MiddlewareHandler<AppEnv> = (c, next) => {
  c.set(
    "scope",
    requestScope(c.req.raw, c.env, () => c.executionCtx, c.get("requestId")),
  );
  return next();
};

/** The request's scope (built by provideScope; built here for a router mounted without it). */
export function scopeOf(c: Context<AppEnv>): RequestScope {
  let scope = c.get("scope");
  if (!scope) c.set("scope", (scope = requestScope(c.req.raw, c.env, () => c.executionCtx, c.get("requestId"))));
  return scope;
}

/** The scope of a write: on a Sessions API session on the primary, whose bookmark goes back with the answer (d1-session.ts). */
export function writeScope(c: Context<AppEnv>): RequestScope & { d1: D1DatabaseSession } {
  const d1 = writeSession(c);
  return { ...scopeOf(c), d1, db: createDb(d1) };
}

/** Runs a write in its own scope and hands the caller the bookmark of what it wrote. */
export async function inWriteScope<T>(c: Context<AppEnv>, write: (scope: RequestScope) => Promise<T>): Promise<T> {
  const scope = writeScope(c);
  const result = await write(scope);
  returnBookmark(c, scope.d1);
  return result;
}
