import { z } from "@hono/zod-openapi";
import { PERMISSION_GROUPS, PERMISSION_LEVELS } from "../../identity/permissions";
import { parseCidr } from "../../lib/network-fence";

/** A key's narrowing: permissions per group, feed podcasts, network fence, rate limit. Request and answer shapes. */

export const PermissionLevelSchema = z.enum(PERMISSION_LEVELS).openapi("PermissionLevel");

export const PermissionsSchema = z
  .object(
    Object.fromEntries(PERMISSION_GROUPS.map((group) => [group, PermissionLevelSchema.optional()])) as {
      [G in (typeof PERMISSION_GROUPS)[number]]: z.ZodOptional<typeof PermissionLevelSchema>;
    },
  )
  .strict()
  .openapi("Permissions", {
    description:
      "A level for each group the key may reach (`write` includes `read`); groups not named are out of reach. See GET /api/keys/permissions.",
    example: { podcasts: "read", playback: "write" },
  });

export const PodcastIdsSchema = z
  .array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))
  .min(1)
  .max(100)
  .openapi({
    description: "A feed key: `podcasts` and `feeds` reach only these Pinepods podcast ids (null: every podcast).",
    example: [11, 12],
  });

export const NetworkFenceSchema = z
  .object({
    countries: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, "must be a two-letter country code"))
      .max(50)
      .optional(),
    asns: z.array(z.number().int().min(1).max(4_294_967_295)).max(50).optional(),
    cidrs: z
      .array(
        z
          .string()
          .max(64)
          .refine((cidr) => parseCidr(cidr) !== null, "must be an IPv4 or IPv6 address or CIDR range"),
      )
      .max(50)
      .optional(),
  })
  .strict()
  .refine((fence) => (fence.countries?.length ?? 0) + (fence.asns?.length ?? 0) + (fence.cidrs?.length ?? 0) > 0, {
    message: "name at least one country, ASN or CIDR range",
  })
  .openapi("NetworkFence", {
    description:
      "Where the key may be used from: any one match is enough (request.cf.country, request.cf.asn, CF-Connecting-IP); outside → 403 KEY_NETWORK_REFUSED.",
    example: { countries: ["DE"], asns: [3320], cidrs: ["203.0.113.0/24", "2001:db8::/32"] },
  });

export const RateLimitSchema = z
  .object({
    requests: z.number().int().min(1).max(100_000),
    periodSeconds: z.number().int().min(1).max(86_400),
  })
  .strict()
  .openapi("KeyRateLimit", {
    description: "At most `requests` per `periodSeconds` (a Durable Object per key counts them); over it → 429 with Retry-After.",
    example: { requests: 60, periodSeconds: 60 },
  });

/** The narrowing fields a key is created with (all optional). */
export const KeyRestrictionsInput = {
  permissions: PermissionsSchema.optional().openapi({
    description:
      "Per-group levels. Without it, `scope` decides (`read`: every Pinepods group at read plus keys:read; `full`: every group at write).",
  }),
  podcastIds: PodcastIdsSchema.optional(),
  network: NetworkFenceSchema.optional(),
  rateLimit: RateLimitSchema.optional(),
};

/** The same fields in a key's answers: always present, null where the key is not narrowed. */
export const KeyRestrictionsOutput = {
  permissions: PermissionsSchema,
  podcastIds: PodcastIdsSchema.nullable(),
  network: NetworkFenceSchema.nullable(),
  rateLimit: RateLimitSchema.nullable(),
};
