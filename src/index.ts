import type { Env } from "./env";
import { handleFetch } from "./fetch-handler";

export default { fetch: handleFetch } satisfies ExportedHandler<Env>;

// Other Workers check keys over a service binding, by RPC (`entrypoint = "KeyService"`).
export { KeyService } from "./rpc/key-service";
