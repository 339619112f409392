import type { MiddlewareHandler } from "hono";
import { getPath } from "hono/utils/url";
import type { AppEnv, Env } from "../platform/env";
import { corsAllowOriginFor } from "./cors";
import { renderError } from "./error-handler";
import { logRequest, newRequestId } from "./request-log";
import { securityHeadersFor } from "./security-headers";

/**
 * The one response pipeline: every request the Worker answers runs inside `respond`, whichever path
 * answers it — the key gate ahead of the router, the Hono app, or a request forwarded elsewhere — so
 * nothing a client sees depends on the path:
 * - a request id, echoed as `X-Request-Id` and written to the request's one log line;
 * - whatever is thrown becomes the one JSON error shape (error-handler.ts), never an exception that
 *   escapes `fetch` (which the platform would answer with its own page, or wrangler with a stack trace);
 * - the security headers, CORS headers for key-authenticated requests, and `Cache-Control: no-store`
 *   on /api/* answers that do not set their own.
 * A Response is decorated in place; one with immutable headers (the answer of a `fetch()`, passed
 * through) is re-wrapped around the same body stream, so a streamed body is never buffered.
 */
export type Answer = () => Response | Promise<Response>;

const requestIds = new WeakMap<Request, string>();
const pages = new WeakSet<Response>();

/**
 * A page or a page's file (the settings page from the assets binding, Pinepods' web app from the
 * origin): it brings its own security headers (public/_headers, or the origin's) and Cache-Control,
 * which the API's `default-src 'none'` would break. The pipeline adds only the request id.
 */
export function asPage(response: Response): Response {
  pages.add(response);
  return response;
}

/**
 * The app's first middleware: hands the request id to its handlers and error rendering as
 * `c.get("requestId")`, before any middleware replaces c.req.raw (the body limit does).
 */
export const exposeRequestId: MiddlewareHandler<AppEnv> = (c, next) => {
  c.set("requestId", requestIds.get(c.req.raw));
  return next();
};

export async function respond(request: Request, env: Env, answer: Answer): Promise<Response> {
  const requestId = newRequestId();
  const started = Date.now();
  requestIds.set(request, requestId);
  let response: Response;
  try {
    response = await answer();
  } catch (error) {
    response = renderError(error, requestId);
  }
  const path = getPath(request);
  response = decorate(response, request, env, requestId, path);
  logRequest(requestId, request.method, path, response.status, started);
  return response;
}

function decorate(response: Response, request: Request, env: Env, requestId: string, path: string): Response {
  // A WebSocket upgrade is answered as it is: its Response cannot be re-created.
  if (response.webSocket) return response;
  const page = pages.has(response);
  let headers = response.headers;
  try {
    headers.set("x-request-id", requestId);
  } catch {
    response = new Response(response.body, response);
    headers = response.headers;
    headers.set("x-request-id", requestId);
  }
  if (page) return response;
  for (const [name, value] of securityHeadersFor(request.url)) headers.set(name, value);
  // Answers may hold a freshly created key or a user's data: no cache may keep them, unless the
  // answer says otherwise itself (a forwarded answer that knows it is public).
  if (path.startsWith("/api/") && !headers.has("cache-control")) headers.set("cache-control", "no-store");
  const allowOrigin = corsAllowOriginFor(env, request, requestId);
  if (allowOrigin !== undefined) {
    headers.set("access-control-allow-origin", allowOrigin);
    // Appended, not set: a forwarded answer may vary on other headers already.
    if (!/\borigin\b/i.test(headers.get("vary") ?? "")) headers.append("vary", "Origin");
  }
  return response;
}
