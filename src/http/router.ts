import { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../lib/errors";
import type { AppEnv } from "../platform/env";

/**
 * Every router is made here, so request validation fails the same way everywhere:
 * a 400 in the one error shape, naming the fields that were wrong.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const details = result.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".") || result.target}: ${issue.message}`)
          .join("; ");
        throw new ApiError("VALIDATION_ERROR", `Invalid ${result.target}: ${details}`);
      }
    },
  });
}
