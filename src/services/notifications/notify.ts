import type { NotificationEvent } from "../../db/schema";
import { errorName, writeLog } from "../../lib/log";
import { config } from "../../platform/config";
import type { Env, WaitUntil } from "../../platform/env";
import { ntfyUrlProblem } from "./ntfy-url";

/**
 * Push notifications to a person's ntfy topic (README "Notifications"). notify() never fails or slows
 * the request that caused it: the delivery runs on waitUntil, is retried once, and its outcome is
 * logged (never the topic URL: whoever knows a topic can read it) and kept on the person's target so
 * Settings can show "last delivery failed". A message names a key by its name and hint, never the key.
 */
export interface Notifier {
  env: Env;
  ctx: WaitUntil;
}

export interface NotificationMessage {
  title: string;
  body: string;
  /** ntfy tags (emoji short codes shown beside the title), e.g. `warning`. */
  tags?: string[];
}

const TIMEOUT_MS = 5000;

/** Queues a message for the user's target, if they have one and asked for this event. Returns at once. */
export function notify(notifier: Notifier, userId: number, event: NotificationEvent, message: NotificationMessage): void {
  notifier.ctx.waitUntil(
    deliverTo(notifier.env, userId, event, message).catch((error) => {
      // deliverTo handles delivery failures itself; this is D1 failing while reading or recording the target.
      writeLog("error", { event: "notify", notification: event, userId, outcome: "error", error: errorName(error) });
    }),
  );
}

interface Target {
  ntfyUrl: string;
  events: NotificationEvent[];
}

async function readTarget(env: Env, userId: number): Promise<Target | null> {
  const row = await env.DB.prepare("SELECT ntfy_url AS ntfyUrl, events FROM notification_targets WHERE user_id = ?")
    .bind(userId)
    .first<{ ntfyUrl: string; events: string }>();
  return row && { ntfyUrl: row.ntfyUrl, events: JSON.parse(row.events) as NotificationEvent[] };
}

/**
 * Sends now and waits (the cron and the test button use it; notify() queues it). `event` "test" ignores the
 * person's event choice. Answers whether the message was delivered; false also when there is no target.
 */
export async function deliverTo(
  env: Env,
  userId: number,
  event: NotificationEvent | "test",
  message: NotificationMessage,
): Promise<boolean> {
  const target = await readTarget(env, userId);
  if (!target || (event !== "test" && !target.events.includes(event))) return false;
  const refused = ntfyUrlProblem(target.ntfyUrl, config(env).notifyAllowedHosts);
  let outcome: { ok: boolean; status?: number; error?: string; attempts: number };
  if (refused) outcome = { ok: false, error: "host no longer allowed", attempts: 0 };
  else {
    outcome = await publish(target.ntfyUrl, message);
    if (!outcome.ok) outcome = { ...(await publish(target.ntfyUrl, message)), attempts: 2 };
  }
  const now = Date.now();
  await env.DB.prepare(
    outcome.ok
      ? "UPDATE notification_targets SET last_delivery_at = ?, last_delivery_failed_at = NULL WHERE user_id = ?"
      : "UPDATE notification_targets SET last_delivery_failed_at = ? WHERE user_id = ?",
  )
    .bind(now, userId)
    .run();
  writeLog(outcome.ok ? "info" : "error", {
    event: "notify",
    notification: event,
    userId,
    outcome: outcome.ok ? "delivered" : "failed",
    ...outcome,
  });
  return outcome.ok;
}

/**
 * ntfy's JSON publishing (https://docs.ntfy.sh/publish/#publish-as-json): POST to the server's root with
 * the topic in the body, so titles and key names in any script need no header encoding. Redirects are
 * not followed: a redirect could lead to a host that is not allowed.
 */
async function publish(
  topicUrl: string,
  message: NotificationMessage,
): Promise<{ ok: boolean; status?: number; error?: string; attempts: number }> {
  const url = new URL(topicUrl);
  const body = { topic: url.pathname.slice(1), title: message.title, message: message.body, tags: message.tags ?? [] };
  try {
    const response = await fetch(`${url.origin}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { ok: response.status >= 200 && response.status < 300, status: response.status, attempts: 1 };
  } catch (error) {
    return { ok: false, error: errorName(error), attempts: 1 };
  }
}
