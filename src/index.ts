import { app } from "./app";
import { keyGate } from "./auth/key-gate";
import type { Env } from "./env";

export default {
  // A key check for GET /api/me is answered before the router (see key-gate.ts); the app does the rest.
  fetch: (request, env, ctx) => keyGate(request, env, ctx) ?? app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
