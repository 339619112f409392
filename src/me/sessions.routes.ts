import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { errorResponses, jsonResponse, SessionSecurity } from "../lib/schemas";

/** Your browser sessions. Session only: a key (even a full-scope one) gets 403 SESSION_REQUIRED. */
const tags = ["Sessions"];
const sessionOnly = { tags, security: SessionSecurity, middleware: [requireAuth()] };

export const SessionSchema = z
  .object({
    id: z.string().openapi({ description: "A public id derived from the session; it cannot be used to authenticate.", example: "3f9a0c1e77b2d401" }),
    current: z.boolean().openapi({ description: "The session this request was made with." }),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastSeenAt: z.string().openapi({ format: "date-time", description: "Last activity, to within an hour." }),
    userAgent: z.string().nullable(),
    country: z.string().nullable().openapi({ description: "ISO country code at sign-in, where Cloudflare knows it." }),
  })
  .openapi("Session");

const SessionIdParamSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/, "must be a session id").openapi({ param: { name: "id", in: "path" } }),
});

export const listSessionsRoute = createRoute({
  ...sessionOnly,
  method: "get",
  path: "/",
  summary: "Your sessions, newest first, the current one marked",
  responses: { 200: jsonResponse(z.object({ sessions: z.array(SessionSchema) }), "Your live sessions"), ...errorResponses(401, 403, 429) },
});

export const endSessionRoute = createRoute({
  ...sessionOnly,
  method: "delete",
  path: "/{id}",
  summary: "End one of your sessions; it is signed out at once",
  request: { params: SessionIdParamSchema },
  responses: { 204: { description: "Ended" }, ...errorResponses(400, 401, 403, 404, 429) },
});

export const endOtherSessionsRoute = createRoute({
  ...sessionOnly,
  method: "delete",
  path: "/",
  summary: "Sign out everywhere else: every session but this one ends",
  responses: { 200: jsonResponse(z.object({ ended: z.number().int() }), "How many sessions ended"), ...errorResponses(401, 403, 429) },
});
