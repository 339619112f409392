import type { AuthContext } from "../identity/caller";
import type { Env } from "./config";
import type { RequestScope } from "./request-scope";

/** The Worker's bindings and vars: derived from the one schema of the environment (config.ts). */
export type { Env } from "./config";

/** Only waitUntil is needed; Hono's and workers-types' ExecutionContext types differ in the rest. */
export type WaitUntil = Pick<ExecutionContext, "waitUntil">;

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The pipeline's id of this request (X-Request-Id, the log line); undefined outside the pipeline (app.request in tests). */
    requestId: string | undefined;
    /** What services get from this request instead of the Context (db/request-scope.ts). */
    scope: RequestScope | undefined;
    /** Set by the authenticate middleware when the request carries a valid session or key. */
    auth: AuthContext | undefined;
  };
}
