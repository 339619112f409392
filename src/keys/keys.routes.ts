import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { AnySecurity, errorResponses, IdParamSchema, jsonBody, jsonResponse } from "../lib/schemas";
import {
  ApiKeySchema,
  CreatedKeySchema,
  CreateKeyBodySchema,
  DeletedExpiredKeysSchema,
  DeleteExpiredKeysQuerySchema,
  KeyUsageQuerySchema,
  KeyUsageSchema,
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

export const keyUsageRoute = createRoute({
  method: "get",
  path: "/{id}/usage",
  tags,
  summary: "How often a key was checked per UTC day: accepted, and refused (disabled or expired); zero-filled, oldest first",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "read" })],
  request: { params: IdParamSchema, query: KeyUsageQuerySchema },
  responses: {
    200: jsonResponse(KeyUsageSchema, "One entry per day, ending today"),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

export const deleteExpiredKeysRoute = createRoute({
  method: "post",
  path: "/delete-expired",
  tags,
  summary: "Delete every expired key (also the old keys of rolls whose grace is over), all or none, each one audited",
  description: "Your own expired keys; an administrator's session deletes every user's (or one user's, with userId).",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "full" })],
  request: { query: DeleteExpiredKeysQuerySchema },
  responses: {
    200: jsonResponse(DeletedExpiredKeysSchema, "The keys that were deleted (none is fine)"),
    ...errorResponses(400, 401, 403),
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
  summary: "Enable or disable a key (a disabled key is refused at once, until enabled again), rename it or change its note",
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
