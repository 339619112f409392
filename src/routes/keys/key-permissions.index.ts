import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { GROUP_DESCRIPTIONS, PERMISSION_GROUPS, PERMISSION_LEVELS, scopePermissions } from "../../identity/permissions";
import { ApiError } from "../../lib/errors";
import { requestPlace } from "../../lib/network-fence";
import { openOriginKey } from "../../services/gateway/open-origin-key";
import { fetchOrigin, originError } from "../../services/gateway/origin-client";
import { originConfig } from "../../services/gateway/origin-config";
import { ROUTE_PERMISSIONS } from "../../services/gateway/route-permissions";
import { findSealedLinkCached } from "../../services/gateway/sealed-link-cache";
import { clientNetworkRoute, linkedPodcastsRoute, permissionMapRoute } from "./key-permissions.routes";

const PERMISSION_MAP = {
  levels: [...PERMISSION_LEVELS],
  groups: PERMISSION_GROUPS.map((name) => ({
    name,
    description: GROUP_DESCRIPTIONS[name],
    routes: { read: [...ROUTE_PERMISSIONS[name].read], write: [...ROUTE_PERMISSIONS[name].write] },
  })),
  unmapped: "A forwarded route outside this map needs every group at write.",
  shorthand: {
    read: scopePermissions("read", "user"),
    full: scopePermissions("full", "user"),
    fullForAdmins: scopePermissions("full", "admin"),
  },
};

/** Mounted at /api/keys beside the key lifecycle. */
export const keyPermissionsRouter = createRouter()
  .openapi(permissionMapRoute, (c) => c.json(PERMISSION_MAP, 200))
  .openapi(clientNetworkRoute, (c) => c.json(requestPlace(c.req.raw), 200))
  .openapi(linkedPodcastsRoute, async (c) => {
    const config = originConfig(c.env);
    if (!config) throw new ApiError("ORIGIN_NOT_CONFIGURED", "This Podkeys has no podcast server behind it.");
    const userId = caller(c).user.id;
    const link = await findSealedLinkCached(c.env, userId);
    if (!link) throw new ApiError("ORIGIN_NOT_LINKED", "Link your Pinepods account (Podcast server) to choose its podcasts.");
    const originKey = await openOriginKey(c.env, c.executionCtx, userId, link);
    const answer = await fetchOrigin(
      config,
      new Request(`${config.base}/api/data/return_pods/${link.originUserId}`, { headers: { "api-key": originKey } }),
    );
    if (!answer.ok) throw originError(answer.status);
    const { pods } = await answer.json<{ pods?: { podcastid: number; podcastname: string }[] | null }>();
    return c.json({ podcasts: (pods ?? []).map((pod) => ({ id: pod.podcastid, name: pod.podcastname })) }, 200);
  });
