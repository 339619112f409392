import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { errorResponses, jsonBody, jsonResponse, SessionSecurity } from "../lib/schemas";
import { OriginLinkSchema } from "./origin.schemas";

/** Linking your Pinepods account: a signed-in session only — a key can never link, read or unlink. */
const tags = ["Podcast server"];


export const getOriginRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Your link to the Pinepods server (never its credential)",
  security: SessionSecurity,
  middleware: [requireAuth()],
  responses: { 200: jsonResponse(OriginLinkSchema, "The link"), ...errorResponses(401, 403) },
});

export const putOriginRoute = createRoute({
  method: "put",
  path: "/",
  tags,
  summary: "Link your Pinepods account with its username and password (the password is not stored)",
  security: SessionSecurity,
  middleware: [requireAuth()],
  request: {
    body: jsonBody(
      z.object({ username: z.string().trim().min(1).max(255), password: z.string().min(1).max(1024) }).openapi("LinkOriginRequest"),
    ),
  },
  responses: { 200: jsonResponse(OriginLinkSchema, "Linked"), ...errorResponses(400, 401, 403, 409, 413, 415, 429, 502, 503, 504) },
});

export const deleteOriginRoute = createRoute({
  method: "delete",
  path: "/",
  tags,
  summary: "Unlink: the stored origin key is forgotten at once",
  security: SessionSecurity,
  middleware: [requireAuth()],
  responses: { 204: { description: "Unlinked (or was not linked)" }, ...errorResponses(401, 403) },
});

export const listOriginLinksRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Administrators: which users are linked to which Pinepods account",
  security: SessionSecurity,
  middleware: [requireAuth({ admin: true })],
  responses: {
    200: jsonResponse(
      z
        .object({
          configured: z.boolean().openapi({ description: "Whether this Podkeys fronts a Pinepods server (ORIGIN_URL set)." }),
          links: z.array(
            z.object({
              userId: z.number().int(),
              username: z.string(),
              originUserId: z.number().int(),
              originUsername: z.string(),
              linkedAt: z.string().openapi({ format: "date-time" }),
            }),
          ),
        })
        .openapi("OriginLinks"),
      "The links",
    ),
    ...errorResponses(401, 403),
  },
});
