import { z } from "@hono/zod-openapi";
import { AUDIT_EVENT_TYPES } from "../../db/schema";
import { apiRoute } from "../../http/api-route";
import { IdSchema, jsonResponse } from "../../lib/schemas";
import { AuditPageSchema } from "./audit.schemas";

export const listAuditRoute = apiRoute({
  operationId: "listAuditEvents",
  method: "get",
  path: "/",
  tags: ["Audit log"],
  summary: "Audit events, newest first: every event for admins, events about your own keys and account otherwise",
  access: { keys: "read", permission: ["keys", "read"] },
  request: {
    query: z.object({
      cursor: IdSchema.optional().openapi({ param: { name: "cursor", in: "query" }, description: "nextCursor from the previous page." }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(100)
        .default(50)
        .openapi({ param: { name: "limit", in: "query" } }),
      type: z
        .enum(AUDIT_EVENT_TYPES)
        .optional()
        .openapi({ param: { name: "type", in: "query" }, description: "Only events of this type." }),
      userId: IdSchema.optional().openapi({ param: { name: "userId", in: "query" }, description: "Only events by or about this user." }),
      keyId: IdSchema.optional().openapi({
        param: { name: "keyId", in: "query" },
        description: "Only events about this key, or done through it.",
      }),
    }),
  },
  responses: { 200: jsonResponse(AuditPageSchema, "One page of events") },
});
