import type { Env as WorkerEnv } from "../src/platform/env";

// Types for `env` and `exports` from "cloudflare:workers" inside tests.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("../src/index");
    }
  }
}
