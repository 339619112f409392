import { handleFetch } from "./fetch-handler";
import { writeLog } from "./lib/log";
import { sendKeyNotices } from "./maintenance/key-notices";
import { purgeExpired } from "./maintenance/purge-expired";
import type { Env } from "./platform/env";

export default {
  fetch: handleFetch,
  // The daily Cron Trigger (wrangler.toml [triggers]): expired sessions and mfa tokens, old audit events;
  // then the notices about keys expiring soon or unused for long (maintenance/key-notices.ts).
  scheduled: async (controller, env) => {
    const purged = await purgeExpired(env, controller.scheduledTime);
    writeLog("info", { event: "purge", cron: controller.cron, ...purged });
    const notices = await sendKeyNotices(env, controller.scheduledTime);
    writeLog("info", { event: "key_notices", cron: controller.cron, ...notices });
  },
} satisfies ExportedHandler<Env>;

// Other Workers check keys over a service binding, by RPC (`entrypoint = "KeyService"`).
export { KeyService } from "./rpc/key-service";
// One Durable Object per rate-limited key (wrangler.toml [[durable_objects.bindings]]).
export { KeyRateLimiter } from "./services/keys/key-rate-limiter";
