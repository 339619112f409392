import { createDb } from "../../db/client";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { gatewayOn } from "../../services/gateway/origin-config";
import { assertMayReadUser, findPinepodsUser, pinepodsIdOf } from "../../services/pinepods/pinepods-users";
import { forwardToOrigin } from "../gateway/forwarding";
import { configRoute, pinepodsCheckRoute, userDetailsRoute } from "./pinepods-instance.routes";

/** With a gateway, the Pinepods server's own answer, whatever its shape (not one this route declares). */
const fromOrigin = (c: Parameters<typeof forwardToOrigin>[0]) => forwardToOrigin(c) as never;

/**
 * Mounted at /api: Pinepods' instance check lives outside /api/data. With a gateway, these are the
 * Pinepods server's own answers (forwarded through the same checks as any other call).
 */
export const pinepodsInstanceRouter = createRouter()
  .openapi(pinepodsCheckRoute, (c) => {
    if (gatewayOn(c.env)) return fromOrigin(c);
    return c.json({ status_code: 200 as const, pinepods_instance: true as const }, 200);
  })
  .openapi(configRoute, (c) => {
    if (gatewayOn(c.env)) return fromOrigin(c);
    // Clients only need a non-null api_url: where they already are. Podkeys has no image proxy of its own.
    const self = new URL(c.req.url);
    return c.json(
      {
        api_url: self.origin,
        proxy_url: `${self.origin}/mover/?url=`,
        proxy_host: self.hostname,
        proxy_port: self.port || (self.protocol === "https:" ? "443" : "80"),
        proxy_protocol: self.protocol.replace(":", ""),
        reverse_proxy: "True",
      },
      200,
    );
  })
  .openapi(userDetailsRoute, async (c) => {
    if (gatewayOn(c.env)) return fromOrigin(c);
    const actor = caller(c);
    const db = createDb(c.env.DB);
    const user = await findPinepodsUser(db, c.env, c.req.valid("param").user_id);
    assertMayReadUser(actor, user);
    return c.json(
      {
        UserID: await pinepodsIdOf(db, c.env, user),
        Fullname: user.username,
        Username: user.username,
        Email: "",
        IsAdmin: user.role === "admin",
      },
      200,
    );
  });
