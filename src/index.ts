import { app } from "./app";
import type { Env } from "./env";
import { respond } from "./http/pipeline";
import { keyGate } from "./keys/key-gate";
import { writeLog } from "./lib/log";
import { purgeExpired } from "./maintenance/purge-expired";

export default {
  // One pipeline for every answer (http/pipeline.ts). Inside it, a key check for GET /api/me is
  // answered before the router (keys/key-gate.ts); the app does the rest.
  fetch: (request, env, ctx) => respond(request, env, () => keyGate(request, env, ctx) ?? app.fetch(request, env, ctx)),
  // The daily Cron Trigger (wrangler.toml [triggers]): expired sessions and mfa tokens, old audit events.
  scheduled: async (controller, env) => {
    const purged = await purgeExpired(env, controller.scheduledTime);
    writeLog("info", { event: "purge", cron: controller.cron, ...purged });
  },
} satisfies ExportedHandler<Env>;
