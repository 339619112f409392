import type { MiddlewareHandler } from "hono";
import { ApiError } from "../lib/errors";
import { presentsKey } from "../keys/key-header";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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
 * Requests that present an API key are not checked: a presented key always wins over the cookie
 * (middleware.ts), so such a request acts as the key's owner, never as the victim whose cookie rode
 * along. Other origins may send them (lib/cors.ts grants preflights for the key headers), but never
 * with credentials.
 * SameSite=Lax on the cookie is a second, independent layer.
 */
export const csrfGuard: MiddlewareHandler = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && !presentsKey(c.req.raw.headers) && isCrossSite(c.req.raw)) {
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
