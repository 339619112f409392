import type { Context, MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import { returnBookmark, writeSession } from "../platform/d1-session";
import type { AppEnv } from "../platform/env";
import { type RequestScope, requestScope } from "../platform/request-scope";

/**
 * The request scope (platform/request-scope.ts) as routers get it: built once per request by the app's
 * middleware, and the write scope of a D1 Sessions API session whose bookmark goes back with the answer.
 */

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
