import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { allowCrossOrigin } from "../../http/cors";
import { IdSchema, jsonResponse } from "../../lib/schemas";
import { tags } from "./pinepods.routes";

/**
 * What every official Pinepods client asks before it signs in: "is this a Pinepods server?"
 * (`pinepods_check`), its configuration (a non-null `api_url`) and, after `get_key`, the user's
 * details. With ORIGIN_URL set they are the Pinepods server's own answers (forwarded, see
 * src/routes/gateway/forwarding.ts); without one Podkeys answers them, so clients can sign in and manage their keys.
 */
export const pinepodsCheckRoute = apiRoute({
  method: "get",
  operationId: "pinepodsCheck",
  path: "/pinepods_check",
  tags,
  summary: "Is this a Pinepods server? (open, no credentials)",
  access: "public",
  middleware: [allowCrossOrigin],
  responses: {
    200: jsonResponse(z.object({ status_code: z.literal(200), pinepods_instance: z.literal(true) }).openapi("PinepodsCheck"), "Yes"),
  },
  errors: [502, 504],
});

export const configRoute = apiRoute({
  method: "get",
  operationId: "pinepodsConfig",
  path: "/data/config",
  tags,
  summary:
    "The server's configuration as Pinepods clients read it (open; with a gateway, Pinepods' own answer, which needs a key as in Pinepods)",
  access: "public",
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
  errors: [502, 504],
});

export const userDetailsRoute = apiRoute({
  method: "get",
  operationId: "pinepodsUserDetails",
  path: "/data/user_details_id/{user_id}",
  tags,
  summary: "A user's details: your own, or anyone's for an admin",
  access: { keys: "read" },
  request: { params: z.object({ user_id: IdSchema.openapi({ param: { name: "user_id", in: "path" } }) }) },
  responses: {
    200: jsonResponse(
      z
        .object({ UserID: z.number().int(), Fullname: z.string(), Username: z.string(), Email: z.string(), IsAdmin: z.boolean() })
        .openapi("PinepodsUserDetails"),
      "The user",
    ),
  },
  errors: [404, 409, 502, 504],
});
