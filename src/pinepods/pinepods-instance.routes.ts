import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { allowCrossOrigin } from "../http/cors";
import { errorResponses, IdSchema, jsonResponse } from "../lib/schemas";
import { ApiKeyHeader, tags } from "./pinepods.routes";

/**
 * What every official Pinepods client asks before it signs in: "is this a Pinepods server?"
 * (`pinepods_check`), its configuration (a non-null `api_url`) and, after `get_key`, the user's
 * details. With ORIGIN_URL set they are the Pinepods server's own answers (forwarded, see
 * src/gateway/); without one Podkeys answers them, so clients can sign in and manage their keys.
 */
const NoCredentials: Array<Record<string, string[]>> = [];

export const pinepodsCheckRoute = createRoute({
  method: "get",
  path: "/pinepods_check",
  tags,
  summary: "Is this a Pinepods server? (open, no credentials)",
  security: NoCredentials,
  middleware: [allowCrossOrigin],
  responses: {
    200: jsonResponse(
      z.object({ status_code: z.literal(200), pinepods_instance: z.literal(true) }).openapi("PinepodsCheck"),
      "Yes",
    ),
  },
});

export const configRoute = createRoute({
  method: "get",
  path: "/data/config",
  tags,
  summary: "The server's configuration as Pinepods clients read it (open, no credentials)",
  security: NoCredentials,
  middleware: [allowCrossOrigin],
  responses: {
    200: jsonResponse(
      z
        .object({
          api_url: z.string(),
          proxy_url: z.string(),
          proxy_host: z.string(),
          proxy_port: z.string(),
          proxy_protocol: z.string(),
          reverse_proxy: z.string(),
        })
        .openapi("PinepodsConfig"),
      "The configuration",
    ),
  },
});

export const userDetailsRoute = createRoute({
  method: "get",
  path: "/data/user_details_id/{user_id}",
  tags,
  summary: "A user's details: your own, or anyone's for an admin",
  security: ApiKeyHeader,
  middleware: [requireAuth({ keys: "read" })],
  request: { params: z.object({ user_id: IdSchema.openapi({ param: { name: "user_id", in: "path" } }) }) },
  responses: {
    200: jsonResponse(
      z
        .object({ UserID: z.number().int(), Fullname: z.string(), Username: z.string(), Email: z.string(), IsAdmin: z.boolean() })
        .openapi("PinepodsUserDetails"),
      "The user",
    ),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});
