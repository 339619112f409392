import { app } from "./app";
import { keyGate } from "./auth/key-gate";
import type { Env } from "./env";

/**
 * Every HTTP request, whether it arrives from the Internet (the default export) or from another
 * Worker's service binding (KeyService.fetch): a key check for GET /api/me is answered before the
 * router (see key-gate.ts); the app does the rest.
 */
export const handleFetch = (request: Request, env: Env, ctx: ExecutionContext) => keyGate(request, env, ctx) ?? app.fetch(request, env, ctx);
