import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { jsonResponse } from "../../lib/schemas";

/** Your browser sessions. Session only: a key (even a full-scope one) gets 403 SESSION_REQUIRED. */
const tags = ["Sessions"];
const sessionOnly = { tags, access: {} };

export const SessionSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: "A public id derived from the session; it cannot be used to authenticate.", example: "3f9a0c1e77b2d401" }),
    current: z.boolean().openapi({ description: "The session this request was made with." }),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastSeenAt: z.string().openapi({ format: "date-time", description: "Last activity, to within an hour." }),
    userAgent: z.string().nullable(),
    country: z.string().nullable().openapi({ description: "ISO country code at sign-in, where Cloudflare knows it." }),
  })
  .openapi("Session");

const SessionIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "must be a session id")
    .openapi({ param: { name: "id", in: "path" } }),
});

export const listSessionsRoute = apiRoute({
  ...sessionOnly,
  operationId: "listSessions",
  method: "get",
  path: "/",
  summary: "Your sessions, newest first, the current one marked",
  responses: { 200: jsonResponse(z.object({ sessions: z.array(SessionSchema) }), "Your live sessions") },
});

export const endSessionRoute = apiRoute({
  ...sessionOnly,
  operationId: "endSession",
  method: "delete",
  path: "/{id}",
  summary: "End one of your sessions; it is signed out at once",
  request: { params: SessionIdParamSchema },
  responses: { 204: { description: "Ended" } },
  errors: [404],
});

export const endOtherSessionsRoute = apiRoute({
  ...sessionOnly,
  operationId: "endOtherSessions",
  method: "delete",
  path: "/",
  summary: "Sign out everywhere else: every session but this one ends",
  responses: { 200: jsonResponse(z.object({ ended: z.number().int() }), "How many sessions ended") },
});
