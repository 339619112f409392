import type { MiddlewareHandler } from "hono";
import { ApiError } from "../lib/errors";
import { config } from "../platform/config";
import type { AppEnv, Env } from "../platform/env";
import { presentsKey } from "../services/keys/key-header";

/**
 * CORS for browser apps on other origins (dashboards, widgets) that call the API with a key.
 *
 * - Only answers that were authenticated by a presented key get `Access-Control-Allow-Origin`.
 *   The session-cookie API stays same-origin: a cookie-authenticated answer carries no CORS header,
 *   so no other origin's script can read it, and state-changing cookie requests from other origins
 *   are refused by the CSRF guard (http/csrf.ts).
 * - `Access-Control-Allow-Credentials` is never sent: browsers then refuse to attach cookies to a
 *   cross-origin request (and to expose its answer), so a key is the only credential that crosses origins.
 * - Allowed origins come from CORS_ORIGINS: `*` (the default) or a comma-separated list of origins.
 *   `*` is safe here because no ambient credential is ever honoured cross-origin.
 */
// Every method Pinepods' routes use (its listen time, played state and settings are PUTs), and the
// request headers its clients send: the key headers, JSON bodies, and Range for players and downloads.
export const ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
export const ALLOW_HEADERS = "Authorization, X-API-Key, Api-Key, Content-Type, Range";
const MAX_AGE_SECONDS = "86400";

/** The Access-Control-Allow-Origin value for this request's Origin, or undefined when it is not allowed. */
function allowOrigin(env: Env, origin: string): string | undefined {
  const allowed = config(env).corsOrigins;
  if (allowed === "*") return "*";
  return allowed.has(origin) ? origin : undefined;
}

/**
 * Requests (by request id) whose route carries no ambient credential, so other origins may read the
 * answer without presenting a key: Pinepods' open endpoints, and get_key, whose Basic credentials a
 * browser sends only when the calling page's own script set them. Marked by `allowCrossOrigin`,
 * consumed by the pipeline when it decorates the answer.
 */
const openRequests = new Set<string>();

/**
 * This request's answer (errors included) may be read by other origins without a key header: for
 * code that decides per request (the gateway's open endpoints, answers authenticated by a query key).
 */
export function allowCrossOriginFor(requestId: string | undefined): void {
  if (requestId !== undefined) openRequests.add(requestId);
}

/** Route middleware: this route's answers (errors included) may be read by other origins without a key. */
export const allowCrossOrigin: MiddlewareHandler<AppEnv> = (c, next) => {
  allowCrossOriginFor(c.get("requestId"));
  return next();
};

/**
 * The Access-Control-Allow-Origin of an answer to a request that presents a key (or was marked by
 * allowCrossOrigin), or undefined (no Origin, no key, or an origin not allowed). The pipeline adds it,
 * with `Vary: Origin`, to every such answer.
 */
export function corsAllowOriginFor(env: Env, request: Request, requestId?: string): string | undefined {
  const open = requestId !== undefined && openRequests.delete(requestId);
  const origin = request.headers.get("origin");
  if (origin === null || !(open || presentsKey(request.headers))) return undefined;
  return allowOrigin(env, origin);
}

/** Answers CORS preflights; the headers of the actual answers are the pipeline's (corsAllowOriginFor). */
export const preflight: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header("origin");
  if (origin !== undefined && c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
    const allow = allowOrigin(c.env, origin);
    if (!allow) {
      throw new ApiError("ORIGIN_NOT_ALLOWED", "This origin may not call the API from a browser (see CORS_ORIGINS).");
    }
    return c.body(null, 204, {
      "access-control-allow-origin": allow,
      "access-control-allow-methods": ALLOW_METHODS,
      "access-control-allow-headers": ALLOW_HEADERS,
      "access-control-max-age": MAX_AGE_SECONDS,
      vary: "Origin",
    });
  }
  await next();
};
