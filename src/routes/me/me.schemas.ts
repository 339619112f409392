import { z } from "@hono/zod-openapi";
import { UserSchema } from "../../identity/users.schemas";
import { ScopeSchema } from "../../services/keys/keys.schemas";

/** GET /api/me: the caller, answered by the app (session) and the key gate (key) alike. */
export const MeSchema = z
  .object({
    user: UserSchema,
    via: z.enum(["session", "apiKey"]),
    key: z
      .object({ id: z.number().int(), name: z.string(), scope: ScopeSchema })
      .optional()
      .openapi({ description: "The key used, when via is apiKey." }),
  })
  .openapi("Me");
