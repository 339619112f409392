import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type NotificationEvent, notificationTargets } from "../../db/schema";
import type { AllowedHosts } from "../../platform/config";

/** A person's target as the API shows it, and the hosts they may choose from. */
export async function readNotificationSettings(db: Db, userId: number, allowed: AllowedHosts) {
  const [row] = await db.select().from(notificationTargets).where(eq(notificationTargets.userId, userId));
  return {
    target: row
      ? {
          ntfyUrl: row.ntfyUrl,
          events: row.events,
          disableUnusedKeys: row.disableUnusedKeys,
          lastDeliveryAt: row.lastDeliveryAt?.toISOString() ?? null,
          lastDeliveryFailedAt: row.lastDeliveryFailedAt?.toISOString() ?? null,
        }
      : null,
    allowedHosts: [...allowed].map(([host, { http }]) => (http ? `http://${host}` : host)),
  };
}

export async function saveNotificationTarget(
  db: Db,
  userId: number,
  target: { ntfyUrl: string; events: NotificationEvent[]; disableUnusedKeys: boolean },
) {
  const events = [...new Set(target.events)];
  // A new URL starts with a clean delivery record: the old one's failures say nothing about it.
  await db
    .insert(notificationTargets)
    .values({ userId, ...target, events })
    .onConflictDoUpdate({
      target: notificationTargets.userId,
      set: { ...target, events, lastDeliveryFailedAt: null, lastDeliveryAt: null, updatedAt: new Date() },
    });
}

export async function deleteNotificationTarget(db: Db, userId: number) {
  await db.delete(notificationTargets).where(eq(notificationTargets.userId, userId));
}
