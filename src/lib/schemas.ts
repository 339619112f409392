import { z } from "@hono/zod-openapi";
import { ERROR_CODE_LIST } from "./errors";

/** Schemas shared by several resources. Each one both validates requests and documents them. */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_LIST).openapi({ example: "VALIDATION_ERROR" }),
      message: z.string().openapi({ example: "Invalid json: name: Too small" }),
    }),
  })
  .openapi("Error");

const DESCRIPTIONS: Record<number, string> = {
  400: "The request is malformed or fails validation.",
  401: "Not signed in, or the key is not valid.",
  403: "Signed in, but not allowed to do this.",
  404: "No such resource (or not yours).",
  409: "Conflicts with the current state.",
  413: "The body is larger than 16 KB.",
  415: "The body is not JSON.",
  429: "Too many attempts; retry after the number of seconds in `Retry-After`.",
  502: "The podcast server behind the gateway could not be reached or answered with an error.",
  503: "A dependency is unavailable for a moment; retry after the number of seconds in `Retry-After`.",
  504: "The podcast server behind the gateway did not answer in time.",
};

/** OpenAPI entries for the error statuses a route can answer with. */
export function errorResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: DESCRIPTIONS[status] ?? "Error", content: { "application/json": { schema: ErrorSchema } } },
    ]),
  ) as Record<S, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: true } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

/** Database ids: positive integers that fit in a double exactly. Refuses `abc`, `-1`, `1e309`, 20-digit numbers. */
export const IdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, "must be a positive integer")
  .transform(Number)
  .openapi({ type: "integer", example: 42 });

export const IdParamSchema = z.object({ id: IdSchema.openapi({ param: { name: "id", in: "path" } }) });

export const SessionSecurity: Array<Record<string, string[]>> = [{ session: [] }];
export const AnySecurity: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }, { apiKeyHeader: [] }];
