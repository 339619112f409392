import { z } from "@hono/zod-openapi";
import { AUDIT_EVENT_TYPES } from "../../db/schema";

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(AUDIT_EVENT_TYPES),
    createdAt: z.string().openapi({ format: "date-time" }),
    actor: z
      .object({ id: z.number().int(), username: z.string(), keyId: z.number().int().nullable() })
      .nullable()
      .openapi({ description: "Who acted (keyId set when through an API key); null for anonymous events such as a failed sign-in." }),
    target: z.object({
      type: z.enum(["key", "user"]),
      id: z.number().int(),
      name: z.string(),
      hint: z
        .string()
        .nullable()
        .openapi({ description: "A key's hint (podk_…a1B2); null for users and for events recorded before hints were." }),
    }),
    targetOwner: z.object({ id: z.number().int(), username: z.string() }).nullable(),
    detail: z.string().nullable(),
    ip: z.string().nullable().openapi({ description: "The client address (CF-Connecting-IP)." }),
  })
  .openapi("AuditEvent");

export const AuditPageSchema = z.object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() }).openapi("AuditPage");
