import { z } from "@hono/zod-openapi";

/** Schemas shared by several resources. Each one both validates requests and documents them. */

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
