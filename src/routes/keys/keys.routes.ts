import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { IdParamSchema, jsonBody, jsonResponse } from "../../lib/schemas";
import {
  ApiKeySchema,
  CreatedKeySchema,
  CreateKeyBodySchema,
  DeletedExpiredKeysSchema,
  DeleteExpiredKeysQuerySchema,
  KeyUsageQuerySchema,
  KeyUsageSchema,
  ListKeysQuerySchema,
  RolledKeySchema,
  RollKeyBodySchema,
  UpdateKeyBodySchema,
  VerifyKeyBodySchema,
  VerifyKeyResultSchema,
} from "../../services/keys/keys.schemas";

const tags = ["API keys"];

export const listKeysRoute = apiRoute({
  operationId: "listKeys",
  method: "get",
  path: "/",
  tags,
  summary: "List keys: your own, or every key in the system for an administrator",
  access: { keys: "read", permission: ["keys", "read"] },
  bookmark: true,
  request: { query: ListKeysQuerySchema },
  responses: { 200: jsonResponse(z.object({ keys: z.array(ApiKeySchema) }), "The keys, newest first") },
});

export const createKeyRoute = apiRoute({
  operationId: "createKey",
  // The handler asks for step-up when the key concerned manages keys (keys.service grantsKeyManagement).
  stepUp: "keyManagement",
  method: "post",
  path: "/",
  tags,
  summary: "Create a key; the key itself is in this response only",
  description: "With a session, or with a full-scope key (which cannot create a key broader or longer-lived than itself).",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: { body: jsonBody(CreateKeyBodySchema) },
  responses: { 201: jsonResponse(CreatedKeySchema, "The new key, active at once") },
  errors: [409],
});

export const deleteKeyRoute = apiRoute({
  operationId: "deleteKey",
  method: "delete",
  path: "/{id}",
  tags,
  summary: "Delete a key; it is refused from the very next request",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" } },
  errors: [404],
});

export const keyUsageRoute = apiRoute({
  operationId: "getKeyUsage",
  method: "get",
  path: "/{id}/usage",
  tags,
  summary: "How often a key was checked per UTC day: accepted, and refused (disabled or expired); zero-filled, oldest first",
  access: { keys: "read", permission: ["keys", "read"] },
  bookmark: true,
  request: { params: IdParamSchema, query: KeyUsageQuerySchema },
  responses: { 200: jsonResponse(KeyUsageSchema, "One entry per day, ending today") },
  errors: [404],
});

export const deleteExpiredKeysRoute = apiRoute({
  operationId: "deleteExpiredKeys",
  method: "post",
  path: "/delete-expired",
  tags,
  summary: "Delete every expired key (also the old keys of rolls whose grace is over), all or none, each one audited",
  description: "Your own expired keys; an administrator's session deletes every user's (or one user's, with userId).",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: { query: DeleteExpiredKeysQuerySchema },
  responses: { 200: jsonResponse(DeletedExpiredKeysSchema, "The keys that were deleted (none is fine)") },
});

export const rollKeyRoute = apiRoute({
  operationId: "rollKey",
  stepUp: "keyManagement",
  method: "post",
  path: "/{id}/roll",
  tags,
  summary:
    "Roll a key: a new key (shown once) with the same name, scope and expiry (or a new one: renew); the old one works until the grace ends",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: { params: IdParamSchema, body: jsonBody(RollKeyBodySchema) },
  responses: { 201: jsonResponse(RolledKeySchema, "The new key, active at once") },
  errors: [404, 409],
});

export const updateKeyRoute = apiRoute({
  operationId: "updateKey",
  stepUp: "keyManagement",
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Enable or disable a key (a disabled key is refused at once, until enabled again), rename it or change its note",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: { params: IdParamSchema, body: jsonBody(UpdateKeyBodySchema) },
  responses: { 200: jsonResponse(z.object({ apiKey: ApiKeySchema }), "The key as it is now") },
  errors: [404, 409],
});

export const verifyKeyRoute = apiRoute({
  operationId: "verifyKey",
  method: "post",
  path: "/verify",
  tags,
  summary: "Check a key, for services that accept Podkeys keys",
  description: "Needs no credentials of its own: the key in the body is the credential being checked.",
  access: "public",
  rateLimited: true,
  request: { body: jsonBody(VerifyKeyBodySchema) },
  errors: [503],
  responses: { 200: jsonResponse(VerifyKeyResultSchema, "Whether the key is valid, and whose it is") },
});
