import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ntfyStandIn from "../stand-ins/ntfy.js";
import { serveWorker } from "../stand-ins/serve.mjs";
import { haveChromium } from "./chromium";
import {
  apiAs,
  callWithKey,
  expand,
  expectAccessible,
  keyAction,
  keyRows,
  newPerson,
  podkeysInChromium,
  revealedSecret,
  screenshot,
  signIn,
} from "./helpers";

// Settings → Notifications and a leaked key's row, in a real browser against a real `wrangler dev`
// whose NOTIFY_ALLOWED_HOSTS allows the stand-in ntfy server (test/stand-ins/ntfy.js) on a real port.

let ntfy: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  ntfy = await serveWorker(ntfyStandIn, 0);
});
afterAll(() => ntfy?.stop());

const received = async (topic: string) =>
  (await (await fetch(`${ntfy.url}/${topic}/__received`)).json()) as { title: string; message: string }[];

describe.skipIf(!haveChromium)("leaked keys and notifications in the settings page", () => {
  const stage = podkeysInChromium({ admin: true, vars: () => ({ NOTIFY_ALLOWED_HOSTS: `ntfy.sh,${ntfy.url}` }) });
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPerson(stage));
    await signIn(page, "admin");
  });

  it("sets an ntfy topic, sends a test notification, and shows when a delivery failed", async () => {
    await expand(page, "Notifications");
    const section = page.locator("#notifications");
    await section.getByLabel("ntfy topic URL").fill(`${ntfy.url}/down-e2e`);
    await section.getByRole("button", { name: "Save notifications" }).click();
    await section.getByText("Saved.").waitFor();
    await section.getByRole("button", { name: "Send a test notification" }).click();
    await section.getByText("The test message could not be delivered (tried twice).").waitFor();
    await section.getByText(/^Last delivery failed/).waitFor();
    expect(await received("down-e2e")).toHaveLength(2);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "notifications-failed", { viewport: true });
    await expectAccessible(page, "the notifications section with a failed delivery");

    await section.getByLabel("ntfy topic URL").fill(`${ntfy.url}/admin-e2e`);
    await section.getByRole("button", { name: "Save notifications" }).click();
    await section.getByRole("button", { name: "Send a test notification" }).click();
    await section.getByText("Sent: check your phone.").waitFor();
    await expect.poll(async () => section.getByText(/^Last delivery failed/).count()).toBe(0);
    expect((await received("admin-e2e")).map((m) => m.title)).toEqual(["Podkeys test notification"]);

    await section.getByLabel("ntfy topic URL").fill("https://evil.example/topic");
    await section.getByRole("button", { name: "Save notifications" }).click();
    await section.getByText(/host evil\.example is not allowed/).waitFor();
  });

  it("a reported key reads as leaked, with who reported it and where; Create a replacement copies it", async () => {
    const api = await apiAs(stage.server.origin, "admin");
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const created = await api<{ key: string; apiKey: { id: number; hint: string } }>("POST", "/keys", {
      name: "Home Assistant",
      scope: "full",
      rateLimit: { requests: 100, periodSeconds: 60 },
      expiresAt,
    });
    const { key } = created.body;
    const report = await fetch(`${stage.server.origin}/api/keys/report`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key, url: "https://forum.example/t/my-config/42" }),
    });
    expect(report.status).toBe(202);
    await expect.poll(async () => (await callWithKey(stage.server.origin, key)).body.error?.code, { timeout: 10_000 }).toBe("KEY_LEAKED");
    // The owner's phone heard about it: name and hint, never the key.
    await expect.poll(async () => (await received("admin-e2e")).length).toBe(2);
    const [, leakMessage] = await received("admin-e2e");
    expect(leakMessage?.message).toContain(created.body.apiKey.hint);
    expect(JSON.stringify(leakMessage)).not.toContain(key);

    await page.reload();
    await expand(page, "API Keys");
    let row: string[] | undefined;
    await expect
      .poll(async () => (row = (await keyRows(page)).find((cells) => cells[0] === "Home Assistant"))?.[4])
      .toMatch(/^Leaked — revoked/);
    expect(row?.[4]).toContain("reported by a public report at https://forum.example/t/my-config/42");
    await page.locator("#api-keys").scrollIntoViewIfNeeded();
    await screenshot(page, "leaked-key-row", { viewport: true });
    await expectAccessible(page, "the key list with a leaked key");

    await keyAction(page, "Home Assistant", "Create a replacement");
    const dialog = page.getByRole("dialog", { name: "Replace “Home Assistant”" });
    expect(await dialog.getByLabel("Name").inputValue()).toBe("Home Assistant");
    expect(await dialog.getByLabel("Expires").inputValue()).toBe("30");
    // Custom, with exactly the key's levels (a preset might reach further), its limit included.
    expect(await dialog.getByRole("radio", { name: "Custom" }).isChecked()).toBe(true);
    expect(await dialog.locator("#new-key-group-admin").inputValue()).toBe("write");
    expect(await dialog.locator("#new-key-group-podcasts").inputValue()).toBe("write");
    expect(await dialog.getByLabel("Limit how often the key may be used").isChecked()).toBe(true);
    await screenshot(page, "leaked-key-replace");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const replacement = await revealedSecret(page);
    expect((await callWithKey(stage.server.origin, replacement)).status).toBe(200);
    // The replacement reaches exactly as far as the leaked key: the same permissions, podcasts, fence and limit.
    const access = ({ permissions, podcastIds, network, rateLimit }: Record<string, unknown>) => ({
      permissions,
      podcastIds,
      network,
      rateLimit,
    });
    const listed = (await api<{ keys: ({ id: number; name: string } & Record<string, unknown>)[] }>("GET", "/keys")).body.keys;
    const [fresh, old] = [
      listed.find((k) => k.name === "Home Assistant" && k.id !== created.body.apiKey.id),
      listed.find((k) => k.id === created.body.apiKey.id),
    ];
    expect(access(fresh!)).toEqual(access(old!));
    expect(old!.rateLimit).toEqual({ requests: 100, periodSeconds: 60 });
  });
});
