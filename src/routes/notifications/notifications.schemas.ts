import { z } from "@hono/zod-openapi";
import { NOTIFICATION_EVENTS } from "../../db/schema";

export const NotificationEventSchema = z.enum(NOTIFICATION_EVENTS).openapi("NotificationEvent", {
  description:
    "`key_leaked`: a key was revoked as leaked. `key_expiring`: a key expires within 7 days. `key_unused`: a key was not used for 90 days. " +
    "`sign_in_new_country`: a sign-in from a country not seen for the account before. `two_factor_disabled`: two-factor sign-in was turned off. " +
    "`key_created_by_key`: a key was created through a key (not the settings page). " +
    "`second_factor_locked`: too many wrong two-factor codes in a row locked the account's second step.",
});

export const PutNotificationsBodySchema = z
  .object({
    ntfyUrl: z
      .string()
      .max(300)
      .openapi({ example: "https://ntfy.sh/podkeys-alice-7f3a", description: "An ntfy topic URL on an allowed host." }),
    events: z.array(NotificationEventSchema).max(NOTIFICATION_EVENTS.length),
    disableUnusedKeys: z.boolean().default(false).openapi({ description: "The daily run disables your keys unused for 90 days." }),
  })
  .openapi("PutNotificationsRequest");

export const NotificationSettingsSchema = z
  .object({
    target: z
      .object({
        ntfyUrl: z.string(),
        events: z.array(NotificationEventSchema),
        disableUnusedKeys: z.boolean(),
        lastDeliveryAt: z.string().nullable().openapi({ format: "date-time" }),
        lastDeliveryFailedAt: z
          .string()
          .nullable()
          .openapi({ format: "date-time", description: "Set when the last message could not be delivered (after one retry)." }),
      })
      .nullable()
      .openapi({ description: "null: no notifications." }),
    allowedHosts: z.array(z.string()).openapi({ description: "The hosts a target may name on this server (NOTIFY_ALLOWED_HOSTS)." }),
  })
  .openapi("NotificationSettings");

export const TestNotificationSchema = z.object({ delivered: z.boolean() }).openapi("TestNotificationResult");
