import type { Context } from "hono";
import { asPage } from "../../http/pipeline";
import { ApiError } from "../../lib/errors";
import type { AppEnv } from "../../platform/env";
import { forwardedAnswerHeaders, forwardedRequestHeaders } from "../../services/gateway/forward-headers";
import { fetchOrigin } from "../../services/gateway/origin-client";
import { originConfig } from "../../services/gateway/origin-config";
import { answerRewrites, rewriteAnswer } from "../../services/gateway/rewrite-answer";

/**
 * Every path outside /api/* (and Podkeys' own /healthz): the household's one URL.
 * - `/podkeys/…` is always Podkeys' settings page (the built UI in the assets binding), so its links
 *   stay valid whether the gateway is on or off.
 * - With the gateway off, every other path is the settings page too (today's behaviour: `/`).
 * - With the gateway on, every other path is Pinepods' web app, forwarded without any credential:
 *   its files are public, and it signs in through Podkeys' get_key like any client. GET and HEAD
 *   only. Files the origin marks cacheable stay in the edge cache (the Cache API, for as long as the
 *   origin's Cache-Control says), so a second visit never reaches home for them.
 */
export const SETTINGS_PATH = "/podkeys/";
const READ_METHODS = new Set(["GET", "HEAD"]);
/** Marks an answer from the edge cache (and lets tests and people see it). */
const CACHE_STATUS = "x-podkeys-cache";

export async function serveWebApp(c: Context<AppEnv>): Promise<Response> {
  if (!READ_METHODS.has(c.req.method)) {
    throw new ApiError("METHOD_NOT_ALLOWED", "Only GET and HEAD are served here.", { Allow: "GET, HEAD" });
  }
  const path = c.req.path;
  const settings = path === "/podkeys" || path.startsWith(SETTINGS_PATH);
  if (settings || !originConfig(c.env)) return asPage(await settingsPage(c));
  return asPage(await forwardWebApp(c));
}

/**
 * A file of the settings page, or for any other page address its index.html (the app routes in the
 * browser: /podkeys/setup?token=…). The assets binding applies public/_headers to what it serves.
 */
async function settingsPage(c: Context<AppEnv>): Promise<Response> {
  const assets = c.env.ASSETS;
  if (!assets) throw new ApiError("NOT_FOUND", "No such page.");
  const found = await assets.fetch(c.req.raw);
  // A page address (no file extension, or a browser asking for HTML) gets the page; a missing file stays 404.
  const pageAddress = !/\.[A-Za-z0-9]+$/.test(c.req.path) || (c.req.header("accept") ?? "").includes("text/html");
  if (found.status !== 404 || !pageAddress) return found;
  await found.body?.cancel();
  return assets.fetch(new Request(new URL(SETTINGS_PATH, c.req.url), { method: c.req.method, headers: c.req.raw.headers }));
}

async function forwardWebApp(c: Context<AppEnv>): Promise<Response> {
  const config = originConfig(c.env)!;
  const url = new URL(c.req.url);
  // Never a Podkeys key to the origin, even one a link carried in the query string.
  url.searchParams.delete("api_key");
  const cacheKey = new Request(url.href, { method: "GET" });
  const cache = c.req.method === "GET" ? caches.default : undefined;
  const hit = await cache?.match(cacheKey);
  if (hit) {
    const answer = new Response(hit.body, hit);
    answer.headers.set(CACHE_STATUS, "hit");
    return answer;
  }

  const upstream = new Request(`${config.base}${url.pathname}${url.search}`, {
    method: c.req.method,
    headers: forwardedRequestHeaders(c.req.raw.headers),
    redirect: "manual",
  });
  const origin = await fetchOrigin(config, upstream);
  // The origin's address never leaves, in the web app's files either (rewrite-answer.ts); there is no key here to hide.
  const answer = rewriteAnswer(origin, forwardedAnswerHeaders(origin.headers, false), answerRewrites(config.base, url.origin));
  if (cache && isCacheable(origin)) {
    answer.headers.set(CACHE_STATUS, "miss");
    c.executionCtx.waitUntil(cache.put(cacheKey, answer.clone()));
  }
  return answer;
}

/**
 * What the origin allows a shared cache to keep: a 200 whose Cache-Control gives it a lifetime
 * (`max-age` or `s-maxage` above 0) and forbids nothing (`private`, `no-store`, `no-cache`), without
 * a cookie, and not varying on everything. The Cache API then keeps it for that lifetime.
 */
function isCacheable(answer: Response): boolean {
  if (answer.status !== 200 || answer.headers.has("set-cookie") || answer.headers.get("vary")?.includes("*")) return false;
  const directives = (answer.headers.get("cache-control") ?? "").toLowerCase();
  if (/\b(private|no-store|no-cache)\b/.test(directives)) return false;
  const lifetime = /\b(?:s-maxage|max-age)=(\d+)/.exec(directives);
  return lifetime !== null && Number(lifetime[1]) > 0;
}
