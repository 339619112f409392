import { app } from "./app";
import { respond } from "./http/pipeline";
import type { Env } from "./platform/env";
import { gatewayFastPath } from "./routes/gateway/fast-path";
import { keyGate } from "./routes/keys/key-gate";

/**
 * Every HTTP request, whether it arrives from the Internet (the default export) or from another
 * Worker's service binding (KeyService.fetch): one pipeline for every answer (http/pipeline.ts).
 * Inside it, two requests are answered before the router: a key check for GET /api/me
 * (routes/keys/key-gate.ts) and a request forwarded to the Pinepods server (routes/gateway/fast-path.ts);
 * the app does the rest.
 */
export const handleFetch = (request: Request, env: Env, ctx: ExecutionContext) =>
  respond(
    request,
    env,
    (requestId) => keyGate(request, env, ctx) ?? gatewayFastPath(request, env, ctx, requestId) ?? app.fetch(request, env, ctx),
  );
