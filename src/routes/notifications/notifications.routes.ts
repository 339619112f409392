import { apiRoute } from "../../http/api-route";
import { jsonBody, jsonResponse } from "../../lib/schemas";
import { NotificationSettingsSchema, PutNotificationsBodySchema, TestNotificationSchema } from "./notifications.schemas";

const tags = ["Notifications"];

export const getNotificationsRoute = apiRoute({
  operationId: "getNotifications",
  method: "get",
  path: "/",
  tags,
  summary: "Your push notification target (an ntfy topic), the events you chose, and whether the last delivery failed",
  access: {},
  responses: { 200: jsonResponse(NotificationSettingsSchema, "Your settings") },
});

export const putNotificationsRoute = apiRoute({
  operationId: "putNotifications",
  method: "put",
  path: "/",
  tags,
  summary: "Set your ntfy topic and the events to be told about",
  access: {},
  request: { body: jsonBody(PutNotificationsBodySchema) },
  responses: { 200: jsonResponse(NotificationSettingsSchema, "Your settings as they are now") },
});

export const deleteNotificationsRoute = apiRoute({
  operationId: "deleteNotifications",
  method: "delete",
  path: "/",
  tags,
  summary: "Stop all notifications",
  access: {},
  responses: { 204: { description: "Removed" } },
});

export const testNotificationRoute = apiRoute({
  operationId: "sendTestNotification",
  method: "post",
  path: "/test",
  tags,
  summary: "Send a test message to your ntfy topic now (retried once)",
  access: {},
  responses: { 200: jsonResponse(TestNotificationSchema, "Whether it was delivered") },
  errors: [409],
});
