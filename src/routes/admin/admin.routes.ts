import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { jsonResponse } from "../../lib/schemas";

const Counts = z.object({ resealed: z.number().int(), unreadable: z.number().int() });

export const resealVaultRoute = apiRoute({
  operationId: "resealVault",
  method: "post",
  path: "/vault/reseal",
  tags: ["Administration"],
  summary: "Re-seal everything sealed under a VAULT_KEY_PREVIOUS with the current VAULT_KEY (administrators)",
  access: { admin: true },
  stepUp: "always",
  responses: {
    200: jsonResponse(
      z.object({ twoFactorSecrets: Counts, originKeys: Counts, batches: z.number().int() }).openapi("VaultResealReport"),
      "What was re-sealed; `unreadable`: values no key of the ring opens (left as they are)",
    ),
  },
  errors: [503],
});
