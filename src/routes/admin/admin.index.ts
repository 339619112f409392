import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { clientAddress } from "../../lib/client-address";
import { resealVault } from "../../services/gateway/vault-reseal";
import { resealVaultRoute } from "./admin.routes";

export const adminRouter = createRouter().openapi(resealVaultRoute, async (c) =>
  c.json(await resealVault(c.env, caller(c), clientAddress(c.req.raw)), 200),
);
