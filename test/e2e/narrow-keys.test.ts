import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOrigin } from "../gateway/serve-origin.mjs";
import { haveChromium } from "./chromium";
import { expectAccessible, newPerson, PASSWORD, podkeysInChromium, screenshot, signIn } from "./helpers";

// The create dialog's access presets, its custom view (groups, podcasts of the linked account, fence,
// limit) and the list's badges, in Chromium against a real `wrangler dev` whose ORIGIN_URL points at
// the stand-in Pinepods server — by keyboard alone (every control is reached and used with keys), axe-checked.

let origin: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  origin = await serveOrigin(0);
});
afterAll(() => origin?.stop());

const stage = podkeysInChromium({ admin: true, vars: () => ({ ORIGIN_URL: origin.url }) });

/** The key shown once, then Done by keyboard: the dialog closes and the list has the key. */
async function finishReveal(page: Page, name: string) {
  const reveal = page.getByRole("dialog", { name: `Your new key “${name}”` });
  await reveal.waitFor();
  await reveal.getByRole("button", { name: "Done" }).press("Enter");
  await reveal.waitFor({ state: "detached" });
}

/** The row of a key in the wide table, by its name. */
const row = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });

describe.skipIf(!haveChromium)("narrow keys in the create dialog and the list", () => {
  let page: Page;
  beforeAll(async () => {
    const { page: adminPage } = await newPerson(stage);
    await signIn(adminPage, "admin");
    expect(
      await adminPage.evaluate(async (password) => {
        const response = await fetch("/api/users", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "bob", password, role: "user" }),
        });
        return response.status;
      }, PASSWORD),
    ).toBe(201);
    ({ page } = await newPerson(stage));
    await signIn(page, "bob");
    const linked = await page.evaluate(async () => {
      const response = await fetch("/api/me/origin", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "bob", password: "bob's pinepods password" }),
      });
      return response.status;
    });
    expect(linked).toBe(200);
  });

  it("RSS reader by keyboard: the arrow keys pick the preset, the linked account's podcasts are offered, the list shows feeds:r and 1 podcast", async () => {
    await page.getByRole("button", { name: "Create API key" }).press("Enter");
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByLabel("Name").waitFor();
    await page.keyboard.type("Feed reader");
    // Into the access presets: the checked one (Read only) takes focus; arrows move through the group.
    await dialog.getByRole("radio", { name: "Read only" }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
    expect(await dialog.getByRole("radio", { name: "RSS reader" }).isChecked()).toBe(true);
    const eleven = dialog.getByRole("checkbox", { name: "Eleven Minutes" });
    await eleven.waitFor();
    await eleven.press("Space");
    expect(await eleven.isChecked()).toBe(true);
    await expectAccessible(page, "the create dialog with the RSS reader preset");
    await screenshot(page, "narrow-keys-rss-preset");
    await dialog.getByRole("button", { name: "Create key" }).press("Enter");
    await finishReveal(page, "Feed reader");
    const access = row(page, "Feed reader").locator('td[data-label="Access"]');
    await expect.poll(() => access.textContent()).toBe("feeds:r1 podcast");
  });

  it("Custom by keyboard: a level per group, a fence and a limit; the list shows them as badges; axe finds nothing serious", async () => {
    await page.getByRole("button", { name: "Create API key" }).press("Enter");
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByLabel("Name").waitFor();
    await page.keyboard.type("Kodi custom");
    await dialog.getByRole("radio", { name: "Read only" }).focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
    expect(await dialog.getByRole("radio", { name: "Custom" }).isChecked()).toBe(true);
    // Playback: No access → Read → Read and change, by arrow keys on the focused select.
    const playback = dialog.getByRole("combobox", { name: "Playback" });
    await playback.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await playback.inputValue()).toBe("write");
    await dialog.getByLabel("Addresses (CIDR)").focus();
    await page.keyboard.type("203.0.113.0/24");
    await dialog.getByRole("checkbox", { name: "Limit how often the key may be used" }).press("Space");
    await dialog.getByLabel("Requests").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5");
    await expectAccessible(page, "the create dialog's custom view");
    await screenshot(page, "narrow-keys-custom-view");
    await dialog.getByRole("button", { name: "Create key" }).press("Enter");
    await finishReveal(page, "Kodi custom");
    const access = row(page, "Kodi custom").locator('td[data-label="Access"]');
    await expect.poll(() => access.textContent()).toBe("podcasts:r playback:wFenced: 203.0.113.0/245/min");
    await expectAccessible(page, "the key list with permission badges");
    await screenshot(page, "narrow-keys-list");
    const listed = await page.evaluate(async () => (await (await fetch("/api/keys")).json()) as { keys: { name: string }[] });
    expect(listed.keys.find((key) => key.name === "Kodi custom")).toMatchObject({
      permissions: { podcasts: "read", playback: "write" },
      network: { cidrs: ["203.0.113.0/24"] },
      rateLimit: { requests: 5, periodSeconds: 60 },
    });
  });
});
