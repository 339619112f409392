import type { LimiterName } from "../../src/platform/rate-limits";
import wranglerToml from "../../wrangler.toml?raw";

/** The limits as configured in wrangler.toml, so the tests follow the configuration instead of repeating it. */
export function configuredLimit(name: LimiterName): number {
  const block = new RegExp(`name\\s*=\\s*"${name}"[^\\[]*?simple\\s*=\\s*\\{\\s*limit\\s*=\\s*(\\d+)\\s*,\\s*period\\s*=\\s*(\\d+)`).exec(
    wranglerToml,
  );
  if (!block) throw new Error(`no [[ratelimits]] entry named ${name} in wrangler.toml`);
  return Number(block[1]);
}
