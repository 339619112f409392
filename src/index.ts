import { app } from "./app";
import { keyGate } from "./auth/key-gate";
import type { Env } from "./env";
import { writeLog } from "./lib/request-log";
import { purgeExpired } from "./maintenance/purge-expired";

export default {
  // A key check for GET /api/me is answered before the router (see key-gate.ts); the app does the rest.
  fetch: (request, env, ctx) => keyGate(request, env, ctx) ?? app.fetch(request, env, ctx),
  // The daily Cron Trigger (wrangler.toml [triggers]): expired sessions and mfa tokens, old audit events.
  scheduled: async (controller, env) => {
    const purged = await purgeExpired(env, controller.scheduledTime);
    writeLog("info", { event: "purge", cron: controller.cron, ...purged });
  },
} satisfies ExportedHandler<Env>;
