import { getPath } from "hono/utils/url";
import type { Env, WaitUntil } from "../../platform/env";
import { openEndpointMethods } from "../../services/gateway/open-endpoints";
import { gatewayOn } from "../../services/gateway/origin-config";
import { forwardRequest, isForwardedPath } from "./forwarding";

/**
 * The fast path for forwarded requests, ahead of the router (as the key gate is for GET /api/me):
 * a request the app would only hand to its catch-all forwarding route goes straight to
 * `forwardRequest` — the very function that route calls, so the key check (identify()), the key's
 * permissions, the sealed link and the header swap are the same code, and the pipeline around it
 * (http/pipeline.ts: request id, log line, headers, errors) is the same too. What it skips is what a
 * forwarded request never needed: Hono's routing and context, the /api/* middleware chain (each of
 * which lets a forwarded request through), the request scope.
 *
 * "Forwarded" is decided from tables built once per isolate: the alternation of Podkeys' own paths
 * (forwarding.ts, compiled when the app's routes are registered) and Pinepods' open endpoints.
 * Left to the app, whose middleware does decide for them: CORS preflights (OPTIONS) and the open
 * endpoints (their method guard, and the password reset's body guards). With the gateway off
 * (ORIGIN_URL empty) nothing is taken here.
 */
export function gatewayFastPath(request: Request, env: Env, ctx: WaitUntil, requestId: string): Promise<Response> | undefined {
  if (request.method === "OPTIONS") return undefined;
  const path = getPath(request);
  if (!isForwardedPath(path) || openEndpointMethods(path) !== undefined || !gatewayOn(env)) return undefined;
  return forwardRequest(request, env, ctx, requestId);
}
