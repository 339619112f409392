import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { allowCrossOrigin } from "../../http/cors";
import { IdSchema, jsonBody, jsonResponse } from "../../lib/schemas";

/**
 * Pinepods' own key API, same paths, methods and field names, so tools written for Pinepods work
 * against Podkeys unchanged. Keys go in the `Api-Key` header, as Pinepods clients send them.
 * Each handler is a thin layer over the same key service as /api/keys.
 */
export const tags = ["Pinepods compatibility"];

const Success = z.object({ status: z.literal("success") });

/** Pinepods declares ids as strings in some bodies (`api_id: String`) and its web client sends "3": accept both. */
const PinepodsIdSchema = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9][0-9]{0,14}$/, "must be a positive integer")])
  .transform(Number)
  .openapi({ oneOf: [{ type: "integer" }, { type: "string", pattern: "^[1-9][0-9]{0,14}$" }], example: 3 });

export const verifyKeyRoute = apiRoute({
  method: "get",
  operationId: "pinepodsVerifyKey",
  path: "/verify_key",
  tags,
  summary: "Is the key in Api-Key valid?",
  access: { keys: "read" },
  responses: { 200: jsonResponse(Success.openapi("PinepodsSuccess"), "The key is valid") },
});

export const getUserRoute = apiRoute({
  method: "get",
  operationId: "pinepodsGetUser",
  path: "/get_user",
  tags,
  summary: "The id of the key's owner",
  access: { keys: "read" },
  responses: {
    200: jsonResponse(Success.extend({ retrieved_id: z.number().int() }).openapi("PinepodsUser"), "The owner's id"),
  },
});

export const getKeyRoute = apiRoute({
  method: "get",
  operationId: "pinepodsGetKey",
  path: "/get_key",
  tags,
  summary: "Sign in with HTTP Basic credentials and receive a new full-scope sign-in key",
  description:
    "Pinepods hands back a stored key; Podkeys stores none, so each call mints a new *sign-in key* named after the client " +
    '("Sign-in from <User-Agent>"), visible and deletable in the settings page. At most 10 sign-in keys live per user: ' +
    "the 11th revokes the oldest; a password change ends them all. For a user with two-factor " +
    "sign-in on, the answer is `mfa_required` with a session token for POST /api/data/verify_mfa_and_get_key, and no key. " +
    "Other origins may call it (CORS). A HEAD request mints nothing (405).",
  access: "basic",
  middleware: [allowCrossOrigin],
  bookmark: true,
  rateLimited: true,
  responses: {
    200: jsonResponse(
      z.union([
        Success.extend({
          retrieved_key: z.string(),
          user_id: z.number().int(),
          mfa_required: z.literal(false),
          mfa_session_token: z.null(),
        }).openapi("PinepodsKey"),
        z
          .object({
            status: z.literal("mfa_required"),
            retrieved_key: z.null(),
            mfa_required: z.literal(true),
            user_id: z.number().int(),
            mfa_session_token: z.string(),
          })
          .openapi("PinepodsMfaRequired"),
      ]),
      "A new key, or a second factor is needed",
    ),
  },
  errors: [405, 409, 502, 504],
});

export const verifyMfaAndGetKeyRoute = apiRoute({
  operationId: "pinepodsVerifyMfaAndGetKey",
  method: "post",
  path: "/verify_mfa_and_get_key",
  tags,
  summary: "Pinepods' second sign-in step: the session token from get_key and a TOTP (or recovery) code → a new key",
  description:
    "The session token is single-use and lives 5 minutes. Wrong codes count toward the sign-in limits. " +
    "Other origins may call it (CORS): it reads and sets no cookie.",
  access: "public",
  middleware: [allowCrossOrigin],
  rateLimited: true,
  bookmark: true,
  request: {
    body: jsonBody(z.object({ mfa_session_token: z.string().max(64), mfa_code: z.string().max(32) }).openapi("PinepodsVerifyMfaRequest")),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          status: z.enum(["success", "invalid_code", "session_expired"]),
          retrieved_key: z.string().nullable(),
          verified: z.boolean(),
        })
        .openapi("PinepodsVerifyMfaResult"),
      "The key, or why not",
    ),
  },
  errors: [405, 409, 502, 504],
});

export const getApiInfoRoute = apiRoute({
  method: "get",
  operationId: "pinepodsGetApiInfo",
  path: "/get_api_info/{user_id}",
  tags,
  summary: "One user's keys: your own, or (for an admin) anyone's; 403 for another user's id, 404 for no such user",
  access: { keys: "read", permission: ["keys", "read"] },
  request: { params: z.object({ user_id: IdSchema.openapi({ param: { name: "user_id", in: "path" } }) }) },
  responses: {
    200: jsonResponse(
      z
        .object({
          api_info: z.array(
            z.object({
              apikeyid: z.number().int(),
              userid: z.number().int(),
              username: z.string(),
              lastfourdigits: z.string(),
              created: z.string(),
              podcastids: z.array(z.number()),
            }),
          ),
        })
        .openapi("PinepodsApiInfo"),
      "The keys",
    ),
  },
  errors: [404],
});

export const createApiKeyRoute = apiRoute({
  method: "post",
  operationId: "pinepodsCreateApiKey",
  path: "/create_api_key",
  tags,
  summary: "Create a key for yourself; the answer is the only time it is shown",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: {
    body: jsonBody(z.object({ user_id: PinepodsIdSchema, rssonly: z.boolean().default(false) }).openapi("PinepodsCreateKeyRequest")),
  },
  responses: {
    200: jsonResponse(z.object({ api_key: z.string() }).openapi("PinepodsCreatedKey"), "The new key"),
  },
  errors: [409],
});

export const deleteApiKeyRoute = apiRoute({
  method: "delete",
  operationId: "pinepodsDeleteApiKey",
  path: "/delete_api_key",
  tags,
  summary: "Delete a key, with the same ownership rules as DELETE /api/keys/{id}",
  access: { keys: "full", permission: ["keys", "write"] },
  bookmark: true,
  request: {
    body: jsonBody(
      z.object({ api_id: PinepodsIdSchema, user_id: PinepodsIdSchema.optional() }).openapi("PinepodsDeleteKeyRequest", {
        description: "Ids as numbers or numeric strings. The key's ownership decides, as for DELETE /api/keys/{id}.",
      }),
    ),
  },
  responses: {
    200: jsonResponse(z.object({ detail: z.literal("API key deleted.") }), "Deleted"),
  },
  errors: [404],
});
