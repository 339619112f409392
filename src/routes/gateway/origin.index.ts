import { createDb } from "../../db/client";
import { scopeOf } from "../../http/request-scope";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { linkOrigin, unlinkOrigin } from "../../services/gateway/link-origin";
import { gatewayOn } from "../../services/gateway/origin-config";
import { findLink, listLinks, type OriginLinkView } from "../../services/gateway/origin-links";
import { deleteOriginRoute, getOriginRoute, listOriginLinksRoute, putOriginRoute } from "./origin.routes";

function view(configured: boolean, link: OriginLinkView | undefined) {
  return {
    configured,
    linked: link !== undefined,
    originUserId: link?.originUserId ?? null,
    originUsername: link?.originUsername ?? null,
    linkedAt: link?.linkedAt ?? null,
    revoked: link?.revokedAt != null,
  };
}

/** /api/me/origin */
export const meOriginRouter = createRouter()
  .openapi(getOriginRoute, async (c) => {
    const link = await findLink(createDb(c.env.DB), caller(c).user.id);
    return c.json(view(gatewayOn(c.env), link), 200);
  })
  .openapi(putOriginRoute, async (c) => {
    const { username, password } = c.req.valid("json");
    const link = await linkOrigin(scopeOf(c), caller(c), username, password);
    return c.json(view(true, link), 200);
  })
  .openapi(deleteOriginRoute, async (c) => {
    await unlinkOrigin(scopeOf(c), caller(c));
    return c.body(null, 204);
  });

/** /api/origin/links */
export const originLinksRouter = createRouter().openapi(listOriginLinksRoute, async (c) =>
  c.json({ configured: gatewayOn(c.env), links: await listLinks(createDb(c.env.DB)) }, 200),
);
