import type { MiddlewareHandler } from "hono";
import { ApiError } from "../lib/errors";
import { presentsKey } from "../services/keys/key-header";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * State-changing routes that neither read nor set a cookie, so a cross-site request acts as no one but
 * whoever holds what its body carries. Pinepods' second sign-in step: the mfa session token (from
 * get_key, itself open to other origins) and the code are in the body, the key comes back in the
 * answer. Refusing it cross-site let two-factor users of browser apps on other sites start signing in
 * but never finish.
 */
const COOKIELESS_PATHS = new Set(["/api/data/verify_mfa_and_get_key"]);

/**
 * Cross-site request forgery guard for every state-changing request, including sign-in and setup
 * (a forged sign-in would put the victim in the attacker's account).
 *
 * The browser tells us where a request comes from, in headers a page cannot forge:
 * - `Sec-Fetch-Site` (all current browsers): only `same-origin` and `none` (typed URL, bookmark) pass.
 *   It is trusted first because it describes what the browser saw: behind a dev proxy that rewrites
 *   the host, `Origin` differs from our URL while the request is genuinely same-origin.
 * - Otherwise `Origin`, when present, must equal our own origin (older browsers).
 * - With neither header the request does not come from a browser (curl, a podcast server): no
 *   browser sends a cross-site POST without `Origin`, and a non-browser client holds no victim's
 *   cookie to abuse. This is lucia-auth's check and Go's CrossOriginProtection.
 *
 * Requests that present an API key pass this guard: on every authenticated route a presented key
 * wins over the cookie (middleware.ts), so such a request either authenticates as the key's owner or
 * fails with 401 — it never acts as the victim whose cookie rode along. Other origins may send them
 * (http/cors.ts grants preflights for the key headers), but never with credentials.
 * The routes that *set* a session cookie (sign-in, its two-factor step, setup) authenticate with no
 * key at all, so a key header proves nothing there: they add `sameSiteOnly`, which refuses every
 * cross-site request whatever it presents (a junk `X-API-Key` once bought a login CSRF).
 * SameSite=Lax on the cookie is a second, independent layer.
 */
export const csrfGuard: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && !COOKIELESS_PATHS.has(c.req.path) && !presentsKey(c.req.raw.headers) && isCrossSite(c.req.raw)) {
    throw new ApiError("CSRF", "Cross-site request refused: this action must come from the Podkeys page itself.");
  }
  await next();
};

function isCrossSite(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = request.headers.get("origin");
  if (origin !== null) return origin !== new URL(request.url).origin;
  return false;
}

/** For routes that set the session cookie: refused cross-site whatever the request presents (see above). */
export const sameSiteOnly: MiddlewareHandler = async (c, next) => {
  if (isCrossSite(c.req.raw)) {
    throw new ApiError("CSRF", "Cross-site request refused: this action must come from the Podkeys page itself.");
  }
  await next();
};
