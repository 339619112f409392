import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../auth/middleware";
import { AUDIT_EVENT_TYPES } from "../db/schema";
import { AnySecurity, errorResponses, IdSchema, jsonResponse } from "../lib/schemas";

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(AUDIT_EVENT_TYPES),
    createdAt: z.string().openapi({ format: "date-time" }),
    actor: z
      .object({ id: z.number().int(), username: z.string(), keyId: z.number().int().nullable() })
      .nullable()
      .openapi({ description: "Who acted (keyId set when through an API key); null for anonymous events such as a failed sign-in." }),
    target: z.object({ type: z.enum(["key", "user"]), id: z.number().int(), name: z.string() }),
    targetOwner: z.object({ id: z.number().int(), username: z.string() }).nullable(),
    detail: z.string().nullable(),
    ip: z.string().nullable().openapi({ description: "The client address (CF-Connecting-IP)." }),
  })
  .openapi("AuditEvent");

export const listAuditRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Audit log"],
  summary: "Audit events, newest first: every event for admins, events about your own keys and account otherwise",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "read" })],
  request: {
    query: z.object({
      cursor: IdSchema.optional().openapi({ param: { name: "cursor", in: "query" }, description: "nextCursor from the previous page." }),
      limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ param: { name: "limit", in: "query" } }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() }).openapi("AuditPage"),
      "One page of events",
    ),
    ...errorResponses(400, 401),
  },
});
