import { app } from "./app";
import { respond } from "./http/pipeline";
import type { Env } from "./platform/env";
import { keyGate } from "./routes/keys/key-gate";

/**
 * Every HTTP request, whether it arrives from the Internet (the default export) or from another
 * Worker's service binding (KeyService.fetch): one pipeline for every answer (http/pipeline.ts).
 * Inside it, a key check for GET /api/me is answered before the router (routes/keys/key-gate.ts); the app
 * does the rest.
 */
export const handleFetch = (request: Request, env: Env, ctx: ExecutionContext) =>
  respond(request, env, () => keyGate(request, env, ctx) ?? app.fetch(request, env, ctx));
