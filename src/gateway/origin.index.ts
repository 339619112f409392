import { caller } from "../access/require-auth";
import { createDb } from "../db/client";
import { scopeOf } from "../db/request-scope";
import { createRouter } from "../lib/router";
import { linkOrigin, unlinkOrigin } from "./link-origin";
import { deleteOriginRoute, getOriginRoute, listOriginLinksRoute, putOriginRoute } from "./origin.routes";
import { gatewayOn } from "./origin-config";
import { findLink, listLinks, type OriginLinkView } from "./origin-links";

function view(configured: boolean, link: OriginLinkView | undefined) {
  return {
    configured,
    linked: link !== undefined,
    originUserId: link?.originUserId ?? null,
    originUsername: link?.originUsername ?? null,
    linkedAt: link?.linkedAt ?? null,
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
