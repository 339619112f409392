import { app } from "./app";
import type { Env } from "./env";
import { respond } from "./http/pipeline";
import { keyGate } from "./keys/key-gate";

export default {
  // One pipeline for every answer (http/pipeline.ts). Inside it, a key check for GET /api/me is
  // answered before the router (keys/key-gate.ts); the app does the rest.
  fetch: (request, env, ctx) => respond(request, env, () => keyGate(request, env, ctx) ?? app.fetch(request, env, ctx)),
} satisfies ExportedHandler<Env>;
