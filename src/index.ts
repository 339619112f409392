import { handleFetch } from "./fetch-handler";
import { writeLog } from "./lib/log";
import { purgeExpired } from "./maintenance/purge-expired";
import type { Env } from "./platform/env";

export default {
  fetch: handleFetch,
  // The daily Cron Trigger (wrangler.toml [triggers]): expired sessions and mfa tokens, old audit events.
  scheduled: async (controller, env) => {
    const purged = await purgeExpired(env, controller.scheduledTime);
    writeLog("info", { event: "purge", cron: controller.cron, ...purged });
  },
} satisfies ExportedHandler<Env>;

// Other Workers check keys over a service binding, by RPC (`entrypoint = "KeyService"`).
export { KeyService } from "./rpc/key-service";
// One Durable Object per rate-limited key (wrangler.toml [[durable_objects.bindings]]).
export { KeyRateLimiter } from "./services/keys/key-rate-limiter";
