import type { Context, MiddlewareHandler } from "hono";
import { allowCrossOriginFor } from "../../http/cors";
import { scopeOf } from "../../http/request-scope";
import type { AuthContext } from "../../identity/caller";
import { clientAddress } from "../../lib/client-address";
import { ApiError } from "../../lib/errors";
import { config as appConfig } from "../../platform/config";
import type { AppEnv, Env, WaitUntil } from "../../platform/env";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import { type RequestScope, requestScope } from "../../platform/request-scope";
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
// Undefined until the app has registered its routes: until then nothing counts as forwarded.
let ownPaths: RegExp | undefined;
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
    forwarded = isForwardedPath(path) && gatewayOn(c.env);
    decided.set(c.req.raw, forwarded);
  }
  return forwarded;
}

/** A path the gateway would forward when it is on: /api/* or /ws/*, and none of Podkeys' own (the table compiled once). */
export const isForwardedPath = (path: string): boolean =>
  ownPaths !== undefined && (path.startsWith("/api/") || path.startsWith("/ws/")) && !ownPaths.test(path);

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

/** Forwards the app's request (its catch-all, and Pinepods' routes that Podkeys only sometimes answers itself). */
export const forwardToOrigin = (c: Context<AppEnv>) =>
  forwardRequest(c.req.raw, c.env, c.executionCtx, c.get("requestId"), { onAuth: (auth) => c.set("auth", auth), scope: () => scopeOf(c) });

// --- forwarding ------------------------------------------------------------------------------

/** What the app's route hands forwarding besides the request: where the caller goes, and its request scope. */
interface FromApp {
  onAuth?: (auth: AuthContext) => void;
  scope?: () => RequestScope;
}

/**
 * One forwarded request, from the app's catch-all route or from the fast path ahead of the router
 * (fast-path.ts): it takes the request, not Hono's Context, so both answer alike.
 */
export async function forwardRequest(
  incoming: Request,
  env: Env,
  ctx: WaitUntil,
  requestId: string | undefined,
  from: FromApp = {},
): Promise<Response> {
  const config = originConfig(env);
  if (!config) throw new ApiError("NOT_FOUND", "No such endpoint.");
  const url = new URL(incoming.url);
  const edgeBase = url.origin;
  const headers = forwardedRequestHeaders(incoming.headers);
  // Whatever happens next, no Podkeys key travels on in the query string (query-key-routes.ts).
  const queryKey = takeQueryKey(url, appConfig(env).keyPrefix);
  // A key in the URL is a key all the same: its answers, refusals included, are readable by other
  // origins, as with a key header (pinepods-lite downloads with fetch and must see a 401 as a 401).
  if (queryKey !== null) allowCrossOriginFor(requestId);
  let originKey: string | undefined;
  let presentedKey: string | undefined;
  let auth: AuthContext | undefined;

  const open = openEndpointMethods(url.pathname) !== undefined;
  let body: BodyInit | null = READ_METHODS.has(incoming.method) ? null : incoming.body;
  if (open) {
    allowCrossOriginFor(requestId);
    // A GET's body is never forwarded (above); a password reset's is read here, at most 16 KB (the body guard).
    if (body !== null) body = await readOpenBody(incoming, env);
  } else {
    ({ auth, key: presentedKey } = await authenticate(incoming, env, ctx, queryKey));
    from.onAuth?.(auth);
    if (auth.via !== "apiKey")
      throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key: the podcast server is reached with keys only.");
    const link = await originLink(env, auth.user.id);
    // The key's permissions, its owner's user only, its podcasts (gateway/key-access.ts): on query-key
    // routes too, and on a WebSocket before its upgrade goes on. A JSON body it read comes back.
    const checkedBody = await checkKeyAccess(env, ctx, incoming, auth, link.originUserId);
    if (body !== null && checkedBody !== undefined) body = checkedBody;
    // Sealed under VAULT_KEY_PREVIOUS, it is sealed again under VAULT_KEY after the answer (open-origin-key.ts);
    // the WebSocket bridge below goes on with this same key.
    originKey = await openOriginKey(env, ctx, auth.user.id, link);
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
    if (await checkRevokedLink(env, config, auth.user.id, auth.user.username, originKey)) {
      await answer.body?.cancel();
      throw linkRevoked();
    }
  }
  // Single sign-on's last step: the origin key in its answer becomes a Podkeys sign-in key.
  if (url.pathname === OIDC_CALLBACK && incoming.method === "GET") {
    // An open endpoint, so always the app's route (the fast path leaves open endpoints to it); built here only as a fallback.
    const scope = from.scope?.() ?? requestScope(incoming, env, () => ctx, requestId);
    answer = await rewriteSignInCallback(scope, config, answer);
  }
  if (upgrade && auth?.via === "apiKey" && presentedKey !== undefined) {
    const key = presentedKey;
    const userId = auth.user.id;
    const bridged = bridgeWebSocket({
      originAnswer: answer,
      rewrites,
      recheckMs: appConfig(env).webSocketRecheckMs,
      stillAllowed: async () => (await verifyKey(env, ctx, key)).valid && (await findSealedLink(env.DB, userId)) !== null,
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
async function readOpenBody(request: Request, env: Env): Promise<string> {
  await enforceAddressLimit(env, clientAddress(request), "SIGN_IN_ADDRESS_LIMITER");
  const text = await request.text();
  let named: unknown;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown> | null;
    named = parsed?.username ?? parsed?.email;
  } catch {
    throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
  if (typeof named === "string" && named !== "") await enforceUsernameLimit(env, named.toLowerCase());
  return text;
}

const isWebSocketUpgrade = (request: Request) => request.method === "GET" && request.headers.get("upgrade")?.toLowerCase() === "websocket";

/**
 * The key from the headers (as everywhere), or on a query-key route from `api_key`; no key at all is a
 * 401. Both at once must be the same key: a header key cannot vouch for another key in the URL.
 */
async function authenticate(
  request: Request,
  env: Env,
  ctx: WaitUntil,
  queryKey: string | null,
): Promise<{ auth: AuthContext; key: string }> {
  const headerKey = readPresentedKey(request.headers);
  if (headerKey !== undefined && queryKey !== null && headerKey !== queryKey) {
    throw new ApiError("BAD_REQUEST", "Send one API key: the header and api_key name different keys.");
  }
  const key = headerKey ?? queryKey ?? undefined;
  if (key === undefined) throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key (Api-Key, X-API-Key or Authorization: Bearer).");
  const identified = await identify(request, env, ctx, { queryKey: key });
  if (!identified) throw new ApiError("UNAUTHENTICATED", "Send a Podkeys API key (Api-Key, X-API-Key or Authorization: Bearer).");
  return { auth: identified.caller, key };
}

async function originLink(env: Env, userId: number) {
  const link = await findSealedLinkCached(env, userId);
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
