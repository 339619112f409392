import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { jsonBody, jsonResponse } from "../../lib/schemas";
import { OriginLinkSchema } from "./origin.schemas";

/** Linking your Pinepods account: a signed-in session only — a key can never link, read or unlink. */
const tags = ["Podcast server"];

export const getOriginRoute = apiRoute({
  method: "get",
  operationId: "getOriginLink",
  path: "/",
  tags,
  summary: "Your link to the Pinepods server (never its credential)",
  access: {},
  responses: { 200: jsonResponse(OriginLinkSchema, "The link") },
});

export const putOriginRoute = apiRoute({
  method: "put",
  operationId: "linkOrigin",
  path: "/",
  tags,
  summary: "Link your Pinepods account with its username and password (the password is not stored)",
  access: {},
  rateLimited: true,
  request: {
    body: jsonBody(
      z
        .object({
          // HTTP Basic splits at the first colon: "bob:x" would be user "bob" with a password starting "x"
          // at the origin, while the sign-in limits counted it as another username.
          username: z
            .string()
            .trim()
            .min(1)
            .max(255)
            .regex(/^[^:]*$/, "must not contain ':'"),
          password: z.string().min(1).max(1024),
        })
        .openapi("LinkOriginRequest"),
    ),
  },
  responses: { 200: jsonResponse(OriginLinkSchema, "Linked") },
  errors: [409, 502, 503, 504],
  stepUp: "always",
});

export const deleteOriginRoute = apiRoute({
  method: "delete",
  operationId: "unlinkOrigin",
  path: "/",
  tags,
  summary: "Unlink: the stored origin key is forgotten at once",
  access: {},
  responses: { 204: { description: "Unlinked (or was not linked)" } },
  stepUp: "always",
});

export const listOriginLinksRoute = apiRoute({
  method: "get",
  operationId: "listOriginLinks",
  path: "/",
  tags,
  summary: "Administrators: which users are linked to which Pinepods account",
  access: { admin: true },
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
  },
});
