import type { MiddlewareHandler } from "hono";
import { presentsKey } from "../auth/key-header";
import type { AppEnv, Env } from "../env";
import { ApiError } from "./errors";

/**
 * CORS for browser apps on other origins (dashboards, widgets) that call the API with a key.
 *
 * - Only answers that were authenticated by a presented key get `Access-Control-Allow-Origin`.
 *   The session-cookie API stays same-origin: a cookie-authenticated answer carries no CORS header,
 *   so no other origin's script can read it, and state-changing cookie requests from other origins
 *   are refused by the CSRF guard (csrf.ts).
 * - `Access-Control-Allow-Credentials` is never sent: browsers then refuse to attach cookies to a
 *   cross-origin request (and to expose its answer), so a key is the only credential that crosses origins.
 * - Allowed origins come from CORS_ORIGINS: `*` (the default) or a comma-separated list of origins.
 *   `*` is safe here because no ambient credential is ever honoured cross-origin.
 */
const ALLOW_METHODS = "GET, HEAD, POST, PATCH, DELETE";
const ALLOW_HEADERS = "Authorization, X-API-Key, Api-Key, Content-Type";
const MAX_AGE_SECONDS = "86400";

const parsed = new Map<string, Set<string> | "*">();
function allowedOrigins(env: Env): Set<string> | "*" {
  const setting = env.CORS_ORIGINS?.trim() || "*";
  let allowed = parsed.get(setting);
  if (!allowed) {
    allowed = setting === "*" ? "*" : new Set(setting.split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean));
    parsed.set(setting, allowed);
  }
  return allowed;
}

/** The Access-Control-Allow-Origin value for this request's Origin, or undefined when it is not allowed. */
function allowOrigin(env: Env, origin: string): string | undefined {
  const allowed = allowedOrigins(env);
  if (allowed === "*") return "*";
  return allowed.has(origin) ? origin : undefined;
}

/**
 * Headers to add to an answer authenticated by a key (used by the app and by the key gate ahead of it).
 * `open`: the route carries no ambient credential (Pinepods' open endpoints, or get_key, whose Basic
 * credentials a browser only sends when the page's own script set them), so other origins may read it too.
 */
export function corsHeadersFor(env: Env, request: Request, open = false): Record<string, string> | undefined {
  const origin = request.headers.get("origin");
  if (origin === null || !(open || presentsKey(request.headers))) return undefined;
  const allow = allowOrigin(env, origin);
  return allow === undefined ? undefined : { "access-control-allow-origin": allow, vary: "Origin" };
}

/** Route middleware: this route's answers (errors included) may be read by other origins without a key. */
export const allowCrossOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("crossOrigin", true);
  await next();
};

export const cors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header("origin");
  if (origin !== undefined && c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
    const allow = allowOrigin(c.env, origin);
    if (!allow) {
      throw new ApiError(403, "ORIGIN_NOT_ALLOWED", "This origin may not call the API from a browser (see CORS_ORIGINS).");
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
  const headers = corsHeadersFor(c.env, c.req.raw, c.get("crossOrigin") === true);
  if (headers) for (const [name, value] of Object.entries(headers)) c.header(name, value);
};
