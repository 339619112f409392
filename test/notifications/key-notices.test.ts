import { createScheduledController } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, createKey, createUser, env, expectError, rows, setupAdmin } from "../helpers";
import { freshTopic, received, subscribe } from "./support";

const DAY = 24 * 60 * 60 * 1000;

/** The Worker's scheduled handler at a chosen time: the clock the notices are computed against. */
async function runCron(scheduledTime: number) {
  await worker.scheduled(createScheduledController({ cron: "17 3 * * *", scheduledTime }), env);
}

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

describe("the daily Cron Trigger's key notices", () => {
  it("a key expiring in 3 days: one 'expires soon' message, and none on the next run", async () => {
    const ann = await createUser(admin.cookie, "ann");
    const topic = freshTopic();
    await subscribe(ann.cookie, topic, ["key_expiring"]);
    const now = Date.now();
    const { key, apiKey } = await createKey(ann.cookie, "Kodi bedroom", { expiresAt: new Date(now + 3 * DAY).toISOString() });
    await createKey(ann.cookie, "far off", { expiresAt: new Date(now + 30 * DAY).toISOString() });
    await runCron(now);
    const messages = await received(topic);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.title).toBe('Key "Kodi bedroom" expires soon');
    expect(messages[0]?.message).toContain(apiKey.hint);
    expect(messages[0]?.message).toContain("3 days");
    expect(JSON.stringify(messages)).not.toContain(key);
    await runCron(now + DAY);
    expect(await received(topic)).toHaveLength(1);
  });

  it("sends nothing to a person who did not ask for it", async () => {
    const ben = await createUser(admin.cookie, "ben");
    const topic = freshTopic();
    await subscribe(ben.cookie, topic, ["key_leaked"]);
    await createKey(ben.cookie, "soon", { expiresAt: new Date(Date.now() + 2 * DAY).toISOString() });
    await runCron(Date.now());
    expect(await received(topic)).toEqual([]);
  });

  // Last: the clock jumps 91 days ahead, which the purge also sees (sessions end).
  it("a key unused for 90 days: one message; with disableUnusedKeys it is disabled too (audited), once", async () => {
    const cy = await createUser(admin.cookie, "cy");
    const dee = await createUser(admin.cookie, "dee");
    const cyTopic = freshTopic();
    const deeTopic = freshTopic();
    await subscribe(cy.cookie, cyTopic, ["key_unused"]);
    await subscribe(dee.cookie, deeTopic, ["key_unused"], true);
    const cyKey = await createKey(cy.cookie, "old script");
    const deeKey = await createKey(dee.cookie, "old plugin");
    const later = Date.now() + 91 * DAY;
    await runCron(later);
    await runCron(later + DAY);

    const [cyMessage, ...cyMore] = await received(cyTopic);
    expect(cyMore).toEqual([]);
    expect(cyMessage?.message).toContain(`"old script" (${cyKey.apiKey.hint}) was not used for 90 days`);
    expect((await call("/api/me", { key: cyKey.key })).status).toBe(200);

    const deeMessages = await received(deeTopic);
    expect(deeMessages).toHaveLength(1);
    expect(deeMessages[0]?.message).toContain("has been disabled");
    await expectError(await call("/api/me", { key: deeKey.key }), 401, "KEY_DISABLED");
    const events = await rows(
      "SELECT detail, actor_id AS actor FROM audit_events WHERE type = 'key.disabled' AND target_id = ?",
      deeKey.apiKey.id,
    );
    expect(events).toEqual([{ detail: "unused for 90 days", actor: null }]);
  });
});
