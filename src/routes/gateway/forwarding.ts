import type { Context, MiddlewareHandler } from "hono";
import type { AuthContext } from "../../identity/caller";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../../platform/env";
import { identify } from "../../services/auth/identify";
import { checkKeyAccess } from "../../services/gateway/key-access";
import { openOriginKey } from "../../services/gateway/open-origin-key";
import { fetchOrigin } from "../../services/gateway/origin-client";
import { gatewayOn, originConfig } from "../../services/gateway/origin-config";
import { findSealedLinkCached } from "../../services/gateway/sealed-link-cache";

/**
 * The gateway: with ORIGIN_URL set, every /api/* request Podkeys has no route for goes on to the
 * Pinepods server — as a route of the Hono app, so it passes the same pipeline (request id, log
 * line, security and CORS headers, error shape) as every other answer. In order:
 *   1. Pinepods' open endpoints go on without any credential.
 *   2. Everything else needs a valid Podkeys key, checked here at the edge (format, hash, D1 or the
 *      cache, enabled, expiry): a missing or bad key is a 401 and the origin never sees the request.
 *   3. What the key may reach (gateway/key-access.ts): the route's permission group and level, its
 *      owner's Pinepods user only (unless it has admin), a feed key's podcasts.
 *   4. The owner's link: none → 409 ORIGIN_NOT_LINKED, without contacting the origin.
 *   5. The Podkeys key is removed, the owner's origin key (opened from the vault for this request
 *      only) is sent as Api-Key; cookies and hop-by-hop headers stay behind.
 *   6. Bodies stream both ways (never buffered); Range and 206 pass through; the origin's Set-Cookie
 *      is dropped (its session would be for the origin's domain, not ours).
 *
 * Stream URLs are the one place a key may come in the query string: `<audio src>` cannot send
 * headers, so Pinepods players call `/api/data/stream/{id}?api_key=…`. There, and only there, the
 * `api_key` parameter is read as a Podkeys key and replaced by the origin key. The request log never
 * writes query strings, so it is never logged.
 */

/** Pinepods' endpoints that need no credentials. */
const OPEN_ENDPOINTS = new Set([
  "/api/pinepods_check",
  "/api/data/config",
  "/api/data/self_service_status",
  "/api/data/public_oidc_providers",
  "/api/health",
]);
/** One episode id per stream URL: `/api/data/stream/..%2F…` cannot stretch the query-key exception to another path. */
const STREAM_PATH = /^\/api\/data\/stream\/[A-Za-z0-9_-]{1,64}$/;
const READ_METHODS = new Set(["GET", "HEAD"]);
/** RFC 9110 §7.6.1, plus the credentials that belong to Podkeys or to the browser, not to the origin. */
const REQUEST_HEADERS_DROPPED = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "authorization",
  "x-api-key",
  "api-key",
  "cookie",
];
/** Also the origin's own CORS answer: Podkeys' policy (http/cors.ts) decides, never Allow-Credentials from Pinepods. */
const RESPONSE_HEADERS_DROPPED = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "set-cookie",
  "set-cookie2",
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-expose-headers",
  "access-control-max-age",
];

// --- which requests are forwarded ---------------------------------------------------------------

// One alternation of every own path, compiled once: the check runs on each forwarded request.
let ownPaths = /$^/;
const decided = new WeakMap<Request, boolean>();

/** Called once with the app's routes, after they are all mounted: their paths are never forwarded. */
export function registerOwnRoutes(routes: readonly { method: string; path: string }[]) {
  const patterns = routes
    .filter((route) => route.method !== "ALL" && route.path.startsWith("/api/"))
    .map((route) => route.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[^/]+/g, "[^/]+"));
  ownPaths = new RegExp(`^(?:${[...new Set(patterns)].join("|")})/?$`);
}

/** The gateway is on and Podkeys has no route at this path (decided once per request). */
export function isForwarded(c: Context<AppEnv>): boolean {
  let forwarded = decided.get(c.req.raw);
  if (forwarded === undefined) {
    const path = c.req.path;
    forwarded = gatewayOn(c.env) && path.startsWith("/api/") && !ownPaths.test(path);
    decided.set(c.req.raw, forwarded);
  }
  return forwarded;
}

/** Runs a body guard (16 KB, JSON only) only for Podkeys' own routes: forwarded bodies stream as they are. */
export const unlessForwarded =
  (guard: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isForwarded(c) ? next() : guard(c, next);

/** The catch-all /api/* route: forwards, or (gateway off, or a Podkeys path with another method) 404. */
export const forwardOrNotFound = (c: Context<AppEnv>) => {
  if (!isForwarded(c)) throw new ApiError("NOT_FOUND", "No such endpoint.");
  return forwardToOrigin(c);
};

// --- forwarding ------------------------------------------------------------------------------

export async function forwardToOrigin(c: Context<AppEnv>): Promise<Response> {
  const config = originConfig(c.env);
  if (!config) throw new ApiError("NOT_FOUND", "No such endpoint.");
  const incoming = c.req.raw;
  const url = new URL(incoming.url);
  const headers = new Headers(incoming.headers);
  for (const name of [...REQUEST_HEADERS_DROPPED, ...connectionTokens(incoming.headers)]) headers.delete(name);
  const isStream = STREAM_PATH.test(url.pathname);
  const queryKey = isStream ? url.searchParams.get("api_key") : null;
  // Whatever happens next, no Podkeys key travels on in the query string.
  url.searchParams.delete("api_key");

  let checkedBody: string | undefined;
  if (OPEN_ENDPOINTS.has(url.pathname)) {
    c.set("crossOrigin", true);
  } else {
    const auth = c.get("auth") ?? (await authenticate(c, queryKey));
    if (auth.via !== "apiKey")
      throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key: the podcast server is reached with keys only.");
    const link = await originLink(c, auth.user.id);
    // The key's permissions, its owner's user only, its podcasts (gateway/key-access.ts); a JSON body it read comes back.
    checkedBody = await checkKeyAccess(c.env, c.executionCtx, incoming, auth, link.originUserId);
    const originKey = await openOriginKey(c.env, c.executionCtx, auth.user.id, link);
    headers.set("api-key", originKey);
    if (queryKey !== null) url.searchParams.set("api_key", originKey);
  }

  const hasBody = !READ_METHODS.has(incoming.method) && incoming.body !== null;
  const upstream = new Request(`${config.base}${url.pathname}${url.search}`, {
    method: incoming.method,
    headers,
    body: hasBody ? (checkedBody ?? incoming.body) : null,
    redirect: "manual",
  });
  const answer = await fetchOrigin(config, upstream);
  const answerHeaders = new Headers(answer.headers);
  for (const name of [...RESPONSE_HEADERS_DROPPED, ...connectionTokens(answer.headers)]) answerHeaders.delete(name);
  // The body is handed on as the stream it is: a 50 MB episode never sits in the Worker's memory.
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answerHeaders });
}

/** The key from the headers (as everywhere), or on a stream URL from `api_key`; no key at all is a 401. */
async function authenticate(c: Context<AppEnv>, queryKey: string | null): Promise<AuthContext> {
  const identified = await identify(c.req.raw, c.env, c.executionCtx, { queryKey });
  if (!identified) throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key (Api-Key, X-API-Key or Authorization: Bearer).");
  c.set("auth", identified.caller);
  return identified.caller;
}

async function originLink(c: Context<AppEnv>, userId: number) {
  const link = await findSealedLinkCached(c.env, userId);
  if (!link) {
    throw new ApiError(
      "ORIGIN_NOT_LINKED",
      "Link your Pinepods account in Podkeys' settings (Podcast server) before using this key with it.",
    );
  }
  return link;
}

/** Headers named in Connection are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionTokens(headers: Headers): string[] {
  return (headers.get("connection") ?? "")
    .split(",")
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
}
