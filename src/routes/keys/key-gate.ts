import { getPath } from "hono/utils/url";
import { ApiError } from "../../lib/errors";
import type { Env, WaitUntil } from "../../platform/env";
import { identify } from "../../services/auth/identify";
import { presentsKey } from "../../services/keys/key-header";
import { meBody } from "../me/me-body";

/**
 * The hot path, ahead of the router: `GET /api/me` with an API key — the request a program makes to
 * check its key — is answered here, top to bottom:
 *   key header → identify (format and checksum with no I/O; SHA-256; at most one D1 read, or
 *   the optional cache) → 200 with the caller; anything refused or failing is thrown.
 * Why not through Hono: `npm run bench` showed the router and the /api/* middleware chain costing
 * more CPU than the key check itself whenever no D1 query is made (a malformed key, a cache hit).
 * It runs inside the same pipeline as the app (http/pipeline.ts), which renders what it throws and
 * adds the headers, request id and log line, so its answers are the app's own.
 * Everything else — /api/me with a session cookie or with no key header — goes to the app.
 */
const ME_PATH = "/api/me";
const JSON_TYPE = { "content-type": "application/json" };

export function keyGate(request: Request, env: Env, ctx: WaitUntil): Promise<Response> | undefined {
  // A presented key header means identify() reads a key or refuses the header, with the reason the app would give.
  if (request.method !== "GET" || getPath(request) !== ME_PATH || !presentsKey(request.headers)) return undefined;
  return answerMe(request, env, ctx);
}

async function answerMe(request: Request, env: Env, ctx: WaitUntil): Promise<Response> {
  const identified = await identify(request, env, ctx);
  if (!identified) throw new ApiError("UNAUTHENTICATED", "Sign in or send an API key.");
  return new Response(JSON.stringify(meBody(identified.caller)), { headers: JSON_TYPE });
}
