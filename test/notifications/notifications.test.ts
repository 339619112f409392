import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { notify } from "../../src/services/notifications/notify";
import { call, callWith, createUser, env, expectError, rows, setupAdmin } from "../helpers";
import { freshTopic, NTFY, received, subscribe, waitForMessages } from "./support";

let kim: { id: number; cookie: string };
beforeAll(async () => {
  const admin = await setupAdmin();
  kim = await createUser(admin.cookie, "kim");
});

const settings = async (cookie: string) =>
  (await call("/api/me/notifications", { cookie })).json<{ target: Record<string, unknown> | null }>();

describe("PUT /api/me/notifications", () => {
  it("saves an ntfy topic on an allowed host and the events chosen", async () => {
    const topic = freshTopic();
    await subscribe(kim.cookie, topic, ["key_leaked", "key_expiring"]);
    const { target } = await settings(kim.cookie);
    expect(target).toMatchObject({ ntfyUrl: `${NTFY}/${topic}`, events: ["key_leaked", "key_expiring"], lastDeliveryFailedAt: null });
  });

  it.each([
    ["a host not in NOTIFY_ALLOWED_HOSTS", "https://evil.example/topic"],
    ["plain http to a host allowed for https only", "http://ntfy.sh/topic"],
    ["an internal address", "http://169.254.169.254/latest"],
    ["credentials in the URL", "https://user:pass@ntfy.sh/topic"],
    ["a query", "https://ntfy.sh/topic?x=1"],
    ["more than one path segment", "https://ntfy.sh/a/b"],
    ["not a URL", "ntfy.sh/topic"],
  ])("refuses %s with 400", async (_, ntfyUrl) => {
    const response = await call("/api/me/notifications", { method: "PUT", cookie: kim.cookie, json: { ntfyUrl, events: ["key_leaked"] } });
    await expectError(response, 400, "VALIDATION_ERROR");
  });

  it("needs a session: a key cannot point notifications elsewhere", async () => {
    const created = await call("/api/keys", { method: "POST", cookie: kim.cookie, json: { name: "full", scope: "full" } });
    const { key } = await created.json<{ key: string }>();
    const response = await call("/api/me/notifications", { method: "PUT", key, json: { ntfyUrl: `${NTFY}/x`, events: [] } });
    await expectError(response, 403, "SESSION_REQUIRED");
  });
});

describe("notify()", () => {
  it("delivers the events the person chose, and nothing else", async () => {
    const topic = freshTopic();
    await subscribe(kim.cookie, topic, ["two_factor_disabled"]);
    const ctx = createExecutionContext();
    notify({ env, ctx }, kim.id, "key_expiring", { title: "not wanted", body: "x" });
    notify({ env, ctx }, kim.id, "two_factor_disabled", { title: "Two-factor turned off", body: "for kim" });
    await waitOnExecutionContext(ctx);
    expect(await received(topic)).toEqual([expect.objectContaining({ title: "Two-factor turned off", message: "for kim", topic })]);
  });

  it("a failing target is retried once, never fails the caller, and shows as last delivery failed", async () => {
    const topic = freshTopic("down");
    await subscribe(kim.cookie, topic, ["key_leaked"]);
    const ctx = createExecutionContext();
    expect(() => notify({ env, ctx }, kim.id, "key_leaked", { title: "t", body: "b" })).not.toThrow();
    await waitOnExecutionContext(ctx);
    expect(await received(topic)).toHaveLength(2);
    const { target } = await settings(kim.cookie);
    expect(target?.lastDeliveryFailedAt).toEqual(expect.any(String));
  });

  it("does not call a target whose host is no longer allowed", async () => {
    const topic = freshTopic();
    await subscribe(kim.cookie, topic, ["key_leaked"]);
    const ctx = createExecutionContext();
    notify({ env: { ...env, NOTIFY_ALLOWED_HOSTS: "ntfy.sh" }, ctx }, kim.id, "key_leaked", { title: "t", body: "b" });
    await waitOnExecutionContext(ctx);
    expect(await received(topic)).toEqual([]);
    const [row] = await rows<{ failed: number | null }>(
      "SELECT last_delivery_failed_at AS failed FROM notification_targets WHERE user_id = ?",
      kim.id,
    );
    expect(row?.failed).not.toBeNull();
  });
});

describe("POST /api/me/notifications/test", () => {
  it("sends a test message and clears a past failure", async () => {
    const topic = freshTopic();
    await subscribe(kim.cookie, topic, []);
    const response = await callWith({}, "/api/me/notifications/test", { method: "POST", cookie: kim.cookie });
    expect(await response.json()).toEqual({ delivered: true });
    const [message] = await waitForMessages(topic);
    expect(message?.title).toBe("Podkeys test notification");
    expect((await settings(kim.cookie)).target?.lastDeliveryAt).toEqual(expect.any(String));
  });

  it("answers delivered: false for a failing target", async () => {
    await subscribe(kim.cookie, freshTopic("down"), []);
    const response = await call("/api/me/notifications/test", { method: "POST", cookie: kim.cookie });
    expect(await response.json()).toEqual({ delivered: false });
  });

  it("409 without a target", async () => {
    await call("/api/me/notifications", { method: "DELETE", cookie: kim.cookie });
    await expectError(await call("/api/me/notifications/test", { method: "POST", cookie: kim.cookie }), 409, "CONFLICT");
  });
});
