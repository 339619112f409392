import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { AnySecurity, errorResponses, IdParamSchema, jsonBody, jsonResponse } from "../lib/schemas";
import {
  ApiKeySchema,
  CreatedKeySchema,
  CreateKeyBodySchema,
  ListKeysQuerySchema,
  RollKeyBodySchema,
  RolledKeySchema,
  UpdateKeyBodySchema,
  VerifyKeyBodySchema,
  VerifyKeyResultSchema,
} from "./keys.schemas";

const tags = ["API keys"];

export const listKeysRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "List keys: your own, or every key in the system for an administrator",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "read" })],
  request: { query: ListKeysQuerySchema },
  responses: {
    200: jsonResponse(z.object({ keys: z.array(ApiKeySchema) }), "The keys, newest first"),
    ...errorResponses(400, 401, 403, 429),
  },
});

export const createKeyRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Create a key; the key itself is in this response only",
  description: "With a session, or with a full-scope key (which cannot create a key broader or longer-lived than itself).",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "full" })],
  request: { body: jsonBody(CreateKeyBodySchema) },
  responses: {
    201: jsonResponse(CreatedKeySchema, "The new key, active at once"),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const deleteKeyRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags,
  summary: "Delete a key; it is refused from the very next request",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "full" })],
  request: { params: IdParamSchema },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const rollKeyRoute = createRoute({
  method: "post",
  path: "/{id}/roll",
  tags,
  summary: "Roll a key: a new key (shown once) with the same name, scope and expiry; the old one works until the grace period ends",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "full" })],
  request: { params: IdParamSchema, body: jsonBody(RollKeyBodySchema) },
  responses: {
    201: jsonResponse(RolledKeySchema, "The new key, active at once"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const updateKeyRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Enable or disable a key; a disabled key is refused at once, until enabled again",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "full" })],
  request: { params: IdParamSchema, body: jsonBody(UpdateKeyBodySchema) },
  responses: {
    200: jsonResponse(z.object({ apiKey: ApiKeySchema }), "The key as it is now"),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

export const verifyKeyRoute = createRoute({
  method: "post",
  path: "/verify",
  tags,
  summary: "Check a key, for services that accept Podkeys keys",
  description: "Needs no credentials of its own: the key in the body is the credential being checked.",
  request: { body: jsonBody(VerifyKeyBodySchema) },
  responses: {
    200: jsonResponse(VerifyKeyResultSchema, "Whether the key is valid, and whose it is"),
    ...errorResponses(400, 403, 413, 415, 429),
  },
});
