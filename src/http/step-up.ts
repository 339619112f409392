import type { MiddlewareHandler } from "hono";
import { assertRecentAuthentication } from "../identity/step-up";
import type { AppEnv } from "../platform/env";
import { caller } from "./require-auth";

/** Step-up (identity/step-up.ts) for apiRoute's `stepUp: "always"`, after requireAuth. */
export const requireRecentAuthentication: MiddlewareHandler<AppEnv> = async (c, next) => {
  assertRecentAuthentication(caller(c));
  await next();
};
