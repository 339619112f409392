import type { Context, MiddlewareHandler } from "hono";
import { allowCrossOriginFor } from "../../http/cors";
import { scopeOf } from "../../http/request-scope";
import type { AuthContext } from "../../identity/caller";
import { clientAddress } from "../../lib/client-address";
import { ApiError } from "../../lib/errors";
import { config as appConfig } from "../../platform/config";
import type { AppEnv } from "../../platform/env";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import { identify } from "../../services/auth/identify";
import { forwardedAnswerHeaders, forwardedRequestHeaders } from "../../services/gateway/forward-headers";
import { checkKeyAccess } from "../../services/gateway/key-access";
import { isOpenWithBody, openEndpointMethods } from "../../services/gateway/open-endpoints";
import { openOriginKey } from "../../services/gateway/open-origin-key";
import { checkRevokedLink, linkRevoked, rewriteSignInCallback } from "../../services/gateway/origin-accounts";
import { fetchOrigin } from "../../services/gateway/origin-client";
import { gatewayOn, originConfig } from "../../services/gateway/origin-config";
import { findSealedLink } from "../../services/gateway/origin-links";
import { takeQueryKey } from "../../services/gateway/query-key-routes";
import { answerRewrites, rewriteAnswer } from "../../services/gateway/rewrite-answer";
import { findSealedLinkCached } from "../../services/gateway/sealed-link-cache";
import { bridgeWebSocket } from "../../services/gateway/websocket";
import { readPresentedKey } from "../../services/keys/key-header";
import { verifyKey } from "../../services/keys/verify-key";

/**
 * The gateway: with ORIGIN_URL set, every /api/* request Podkeys has no route for goes on to the
 * Pinepods server — as a route of the Hono app, so it passes the same pipeline (request id, log
 * line, security and CORS headers, error shape) as every other answer. In order:
 *   1. Pinepods' open endpoints (open-endpoints.ts) go on without any credential, with their methods only.
 *   2. Everything else needs a valid Podkeys key, checked here at the edge (format, hash, D1 or the
 *      cache, enabled, expiry): a missing or bad key is a 401 and the origin never sees the request.
 *   3. What the key may reach (gateway/key-access.ts): the route's permission group and level, its
 *      owner's Pinepods user only (unless it has admin), a feed key's podcasts.
 *   4. The owner's link: none → 409 ORIGIN_NOT_LINKED, without contacting the origin.
 *   5. The Podkeys key is removed, the owner's origin key (opened from the vault for this request
 *      only) is sent as Api-Key; cookies, hop-by-hop headers, method overrides and forwarding claims
 *      stay behind (forward-headers.ts).
 *   6. Bodies stream both ways (never buffered); Range and 206 pass through; the origin's Set-Cookie
 *      is dropped (its session would be for the origin's domain, not ours); a keyed answer is
 *      `private, no-store`.
 *
 * Pinepods' five query-key routes (query-key-routes.ts: stream, download, feed, the two WebSockets)
 * take the key as `api_key`, read as a Podkeys key and replaced by the origin key; everywhere else a
 * key in the URL is stripped and never read. The request log never writes query strings.
 * WebSocket upgrades are bridged (websocket.ts); every answer is rewritten so that neither the origin
 * key nor the origin's address leaves the edge (rewrite-answer.ts).
 */

const READ_METHODS = new Set(["GET", "HEAD"]);
const OIDC_CALLBACK = "/api/auth/callback";
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
    forwarded = gatewayOn(c.env) && (path.startsWith("/api/") || path.startsWith("/ws/")) && !ownPaths.test(path);
    decided.set(c.req.raw, forwarded);
  }
  return forwarded;
}

/**
 * Runs a guard only for Podkeys' own routes. Forwarded requests carry no cookie to anyone (CSRF has
 * nothing to protect) and their bodies stream to the origin as they are — except the open password
 * reset's, which is read at the edge under the same 16 KB JSON-only guards as Podkeys' own bodies.
 */
export const unlessForwarded =
  (guard: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isForwarded(c) ? next() : guard(c, next);
export const unlessStreamedOn =
  (guard: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isForwarded(c) && !isOpenWithBody(c.req.path, c.req.method) ? next() : guard(c, next);

/**
 * Pinepods' open endpoints take only their own methods: another is a 405 before anything is read (a
 * 50 MB POST to self_service_status once reached the origin in full). Forwarded requests only.
 */
export const openEndpointGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const methods = isForwarded(c) ? openEndpointMethods(c.req.path) : undefined;
  if (methods && !methods.has(c.req.method) && c.req.method !== "OPTIONS") {
    const allowed = [...methods].join(", ");
    throw new ApiError("METHOD_NOT_ALLOWED", `This endpoint takes ${[...methods].join(" or ")} only.`, { Allow: allowed });
  }
  await next();
};

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
  const edgeBase = url.origin;
  const headers = forwardedRequestHeaders(incoming.headers);
  // Whatever happens next, no Podkeys key travels on in the query string (query-key-routes.ts).
  const queryKey = takeQueryKey(url, appConfig(c.env).keyPrefix);
  // A key in the URL is a key all the same: its answers, refusals included, are readable by other
  // origins, as with a key header (pinepods-lite downloads with fetch and must see a 401 as a 401).
  if (queryKey !== null) allowCrossOriginFor(c.get("requestId"));
  let originKey: string | undefined;
  let presentedKey: string | undefined;
  let auth: AuthContext | undefined;

  const open = openEndpointMethods(url.pathname) !== undefined;
  let body: BodyInit | null = READ_METHODS.has(incoming.method) ? null : incoming.body;
  if (open) {
    allowCrossOriginFor(c.get("requestId"));
    // A GET's body is never forwarded (above); a password reset's is read here, at most 16 KB (the body guard).
    if (body !== null) body = await readOpenBody(c);
  } else {
    ({ auth, key: presentedKey } = await authenticate(c, queryKey));
    if (auth.via !== "apiKey")
      throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key: the podcast server is reached with keys only.");
    const link = await originLink(c, auth.user.id);
    // The key's permissions, its owner's user only, its podcasts (gateway/key-access.ts): on query-key
    // routes too, and on a WebSocket before its upgrade goes on. A JSON body it read comes back.
    const checkedBody = await checkKeyAccess(c.env, c.executionCtx, incoming, auth, link.originUserId);
    if (body !== null && checkedBody !== undefined) body = checkedBody;
    // Sealed under VAULT_KEY_PREVIOUS, it is sealed again under VAULT_KEY after the answer (open-origin-key.ts);
    // the WebSocket bridge below goes on with this same key.
    originKey = await openOriginKey(c.env, c.executionCtx, auth.user.id, link);
    headers.set("api-key", originKey);
    if (queryKey !== null) url.searchParams.set("api_key", originKey);
  }
  const rewrites = answerRewrites(config.base, edgeBase, originKey, presentedKey);
  const upgrade = isWebSocketUpgrade(incoming);
  if (upgrade) headers.set("upgrade", "websocket");

  const upstream = new Request(`${config.base}${url.pathname}${url.search}`, {
    method: incoming.method,
    headers,
    body,
    redirect: "manual",
  });
  let answer = await fetchOrigin(config, upstream);
  // The origin refused the owner's sealed key: gone in Pinepods, or only not for this request? (origin-accounts.ts)
  if (auth && originKey !== undefined && (answer.status === 401 || answer.status === 403)) {
    if (await checkRevokedLink(c.env, config, auth.user.id, auth.user.username, originKey)) {
      await answer.body?.cancel();
      throw linkRevoked();
    }
  }
  // Single sign-on's last step: the origin key in its answer becomes a Podkeys sign-in key.
  if (url.pathname === OIDC_CALLBACK && incoming.method === "GET") answer = await rewriteSignInCallback(scopeOf(c), config, answer);
  if (upgrade && auth?.via === "apiKey" && presentedKey !== undefined) {
    const key = presentedKey;
    const userId = auth.user.id;
    const bridged = bridgeWebSocket({
      originAnswer: answer,
      rewrites,
      recheckMs: appConfig(c.env).webSocketRecheckMs,
      stillAllowed: async () => (await verifyKey(c.env, c.executionCtx, key)).valid && (await findSealedLink(c.env.DB, userId)) !== null,
    });
    if (bridged) return bridged;
  }
  // The body streams as it is (a 50 MB episode never sits in the Worker's memory), text rewritten on the way (rewrite-answer.ts).
  return rewriteAnswer(answer, forwardedAnswerHeaders(answer.headers, !open), rewrites);
}

/**
 * The password reset's JSON body, read whole (the body guard has capped it at 16 KB); each attempt
 * counts toward the sign-in limits, per address and per the username or email it names.
 */
async function readOpenBody(c: Context<AppEnv>): Promise<string> {
  await enforceAddressLimit(c.env, clientAddress(c.req.raw), "SIGN_IN_ADDRESS_LIMITER");
  const text = await c.req.text();
  let named: unknown;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown> | null;
    named = parsed?.username ?? parsed?.email;
  } catch {
    throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
  if (typeof named === "string" && named !== "") await enforceUsernameLimit(c.env, named.toLowerCase());
  return text;
}

const isWebSocketUpgrade = (request: Request) => request.method === "GET" && request.headers.get("upgrade")?.toLowerCase() === "websocket";

/**
 * The key from the headers (as everywhere), or on a query-key route from `api_key`; no key at all is a
 * 401. Both at once must be the same key: a header key cannot vouch for another key in the URL.
 */
async function authenticate(c: Context<AppEnv>, queryKey: string | null): Promise<{ auth: AuthContext; key: string }> {
  const headerKey = readPresentedKey(c.req.raw.headers);
  if (headerKey !== undefined && queryKey !== null && headerKey !== queryKey) {
    throw new ApiError("BAD_REQUEST", "Send one API key: the header and api_key name different keys.");
  }
  const key = headerKey ?? queryKey ?? undefined;
  if (key === undefined) throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key (Api-Key, X-API-Key or Authorization: Bearer).");
  const identified = await identify(c.req.raw, c.env, c.executionCtx, { queryKey: key });
  if (!identified) throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key (Api-Key, X-API-Key or Authorization: Bearer).");
  c.set("auth", identified.caller);
  return { auth: identified.caller, key };
}

async function originLink(c: Context<AppEnv>, userId: number) {
  const link = await findSealedLinkCached(c.env, userId);
  if (!link) {
    throw new ApiError(
      "ORIGIN_NOT_LINKED",
      "Link your Pinepods account in Podkeys' settings (Podcast server) before using this key with it.",
    );
  }
  // Revoked: Pinepods refused the sealed key (origin-accounts.ts); the origin is not asked again until the owner relinks.
  if (link.revokedAt !== null) throw linkRevoked();
  return link;
}
