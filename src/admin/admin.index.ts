import { caller } from "../access/require-auth";
import { clientAddress } from "../http/client-address";
import { createRouter } from "../lib/router";
import { resealVaultRoute } from "./admin.routes";
import { resealVault } from "./vault-reseal";

export const adminRouter = createRouter().openapi(resealVaultRoute, async (c) =>
  c.json(await resealVault(c.env, caller(c), clientAddress(c.req.raw)), 200),
);
