import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { PERMISSION_GROUPS, PERMISSION_LEVELS } from "../../identity/permissions";
import { jsonResponse } from "../../lib/schemas";
import { PermissionsSchema } from "../../services/keys/restrictions.schemas";

/** The permission map and what the create dialog needs to narrow a key: /api/keys/permissions, /network, /podcasts. */
const tags = ["API keys"];

const RoutesSchema = z.array(z.string()).openapi({ example: ["GET /api/data/return_pods/{user_id}"] });

export const PermissionMapSchema = z
  .object({
    levels: z.array(z.enum(PERMISSION_LEVELS)),
    groups: z.array(
      z.object({
        name: z.enum(PERMISSION_GROUPS),
        description: z.string(),
        routes: z.object({ read: RoutesSchema, write: RoutesSchema }),
      }),
    ),
    unmapped: z.string().openapi({ description: "What a forwarded route outside the map needs." }),
    shorthand: z.object({ read: PermissionsSchema, full: PermissionsSchema, fullForAdmins: PermissionsSchema }),
  })
  .openapi("PermissionMap");

export const permissionMapRoute = apiRoute({
  operationId: "getKeyPermissions",
  method: "get",
  path: "/permissions",
  tags,
  summary: "The permission groups and levels, and every Pinepods route each one covers",
  access: "public",
  responses: { 200: jsonResponse(PermissionMapSchema, "The map the gateway enforces") },
});

export const clientNetworkRoute = apiRoute({
  operationId: "getClientNetwork",
  method: "get",
  path: "/network",
  tags,
  summary: "Where this request comes from (address, country, ASN), to fence a key to it",
  access: { keys: "read" },
  responses: {
    200: jsonResponse(
      z.object({ ip: z.string().nullable(), country: z.string().nullable(), asn: z.number().int().nullable() }).openapi("ClientNetwork"),
      "As Cloudflare sees it (null where it does not say)",
    ),
  },
});

export const linkedPodcastsRoute = apiRoute({
  operationId: "listLinkedPodcasts",
  method: "get",
  path: "/podcasts",
  tags,
  summary: "The podcasts of your linked Pinepods account, to choose a feed key's podcasts",
  access: {},
  responses: {
    200: jsonResponse(
      z.object({ podcasts: z.array(z.object({ id: z.number().int(), name: z.string() })) }).openapi("LinkedPodcasts"),
      "Your subscriptions on the Pinepods server",
    ),
  },
  errors: [409, 502, 504],
});
