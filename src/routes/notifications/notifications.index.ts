import { createDb } from "../../db/client";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { ApiError } from "../../lib/errors";
import { config } from "../../platform/config";
import {
  deleteNotificationTarget,
  readNotificationSettings,
  saveNotificationTarget,
} from "../../services/notifications/notification-targets";
import { deliverTo } from "../../services/notifications/notify";
import { ntfyUrlProblem } from "../../services/notifications/ntfy-url";
import { deleteNotificationsRoute, getNotificationsRoute, putNotificationsRoute, testNotificationRoute } from "./notifications.routes";

export const notificationsRouter = createRouter()
  .openapi(getNotificationsRoute, async (c) => {
    const settings = await readNotificationSettings(createDb(c.env.DB), caller(c).user.id, config(c.env).notifyAllowedHosts);
    return c.json(settings, 200);
  })
  .openapi(putNotificationsRoute, async (c) => {
    const body = c.req.valid("json");
    const allowed = config(c.env).notifyAllowedHosts;
    const problem = ntfyUrlProblem(body.ntfyUrl.trim(), allowed);
    if (problem) throw new ApiError("VALIDATION_ERROR", `Invalid json: ntfyUrl: ${problem}`);
    const db = createDb(c.env.DB);
    const userId = caller(c).user.id;
    await saveNotificationTarget(db, userId, { ...body, ntfyUrl: body.ntfyUrl.trim() });
    return c.json(await readNotificationSettings(db, userId, allowed), 200);
  })
  .openapi(deleteNotificationsRoute, async (c) => {
    await deleteNotificationTarget(createDb(c.env.DB), caller(c).user.id);
    return c.body(null, 204);
  })
  .openapi(testNotificationRoute, async (c) => {
    const user = caller(c).user;
    const settings = await readNotificationSettings(createDb(c.env.DB), user.id, config(c.env).notifyAllowedHosts);
    if (!settings.target) throw new ApiError("CONFLICT", "Set an ntfy topic first.");
    const delivered = await deliverTo(c.env, user.id, "test", {
      title: "Podkeys test notification",
      body: `Notifications for ${user.username} reach this topic.`,
      tags: ["white_check_mark"],
    });
    return c.json({ delivered }, 200);
  });
