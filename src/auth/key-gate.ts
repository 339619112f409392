import { getPath } from "hono/utils/url";
import type { Env } from "../env";
import type { WaitUntil } from "../keys/verify-key";
import { corsHeadersFor } from "../lib/cors";
import { ApiError, errorBody } from "../lib/errors";
import { logRequest, newRequestId } from "../lib/request-log";
import { securityHeadersFor } from "../lib/security-headers";
import { meBody } from "../me/me-body";
import { authenticateKey } from "./key-auth";
import { readPresentedKey } from "./key-header";

/**
 * The hot path, ahead of the router: `GET /api/me` with an API key — the request a program makes to
 * check its key — is answered here, top to bottom:
 *   key header → authenticateKey (format and checksum with no I/O; SHA-256; at most one D1 read, or
 *   the optional cache) → 200 with the caller, or the 401 that says why.
 * Why not through Hono: `npm run bench` showed the router and the /api/* middleware chain costing
 * more CPU than the key check itself whenever no D1 query is made (a malformed key, a cache hit).
 * The answers are the app's own: the same body (meBody), the same key authentication (with its
 * failure limit) and error shape, the same security and CORS headers, request id and log line.
 * Everything else — /api/me with a session cookie, an unreadable key header — goes to the app.
 */
const ME_PATH = "/api/me";
const JSON_NO_STORE = { "content-type": "application/json", "cache-control": "no-store" };

export function keyGate(request: Request, env: Env, ctx: WaitUntil): Promise<Response> | undefined {
  if (request.method !== "GET" || getPath(request) !== ME_PATH) return undefined;
  let key: string | undefined;
  try {
    key = readPresentedKey(request.headers);
  } catch {
    return undefined; // an unreadable header: the app refuses it, with the reason
  }
  return key === undefined ? undefined : answerMe(request, env, ctx, key);
}

async function answerMe(request: Request, env: Env, ctx: WaitUntil, key: string): Promise<Response> {
  const requestId = newRequestId();
  const started = Date.now();
  let status = 200;
  let body: unknown;
  let errorHeaders: Record<string, string> | undefined;
  try {
    body = meBody(await authenticateKey(env, ctx, request, key));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ({ status, headers: errorHeaders } = error);
    body = errorBody(error.code, error.message);
  }
  logRequest(requestId, "GET", ME_PATH, status, started);
  const headers = {
    ...JSON_NO_STORE,
    ...securityHeadersFor(request.url),
    ...corsHeadersFor(env, request),
    ...errorHeaders,
    "x-request-id": requestId,
  };
  return new Response(JSON.stringify(body), { status, headers });
}
