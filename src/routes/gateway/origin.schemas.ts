import { z } from "@hono/zod-openapi";

/** What GET /api/me/origin answers (also the settings page's type): never the credential. */
export const OriginLinkSchema = z
  .object({
    configured: z.boolean().openapi({ description: "Whether this Podkeys fronts a Pinepods server (ORIGIN_URL set)." }),
    linked: z.boolean(),
    originUserId: z.number().int().nullable(),
    originUsername: z.string().nullable(),
    linkedAt: z.string().nullable().openapi({ format: "date-time" }),
    revoked: z.boolean().openapi({
      description: "The podcast server refused the sealed key (deleted there): sign in again with the Pinepods account to renew the link.",
    }),
  })
  .openapi("OriginLink");
