import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import {
  callWithKey,
  createKeyInUi,
  expand,
  inComponentTree,
  keyAction,
  keyRows,
  newPerson,
  podkeysInChromium,
  revealedSecret,
  screenshot,
  signIn,
} from "./helpers";

const DAY_MS = 86_400_000;
const PHONE = { width: 360, height: 740 };

/** The verify endpoint, as a service checking a key on someone's behalf. */
async function verify(origin: string, key: string) {
  const response = await fetch(`${origin}/api/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key }),
  });
  return (await response.json()) as Record<string, any>;
}

/** A key's row as [name, hint, owner, access, status, last used, created], by its name (the newest of that name). */
async function row(page: Page, name: string, nth = 0) {
  // The list reloads after a dialog closes: wait until it holds the row rather than read it mid-reload.
  let rows: string[][] = [];
  await expect.poll(async () => (rows = (await keyRows(page)).filter((cells) => cells[0] === name)).length).toBeGreaterThan(nth);
  return rows[nth]!;
}

describe.skipIf(!haveChromium)("key lifecycle in the settings page: expiry, scope, roll, disable, last used, activity", () => {
  const stage = podkeysInChromium({ admin: true });
  let page: Page;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    ({ page } = await newPerson(stage));
    await signIn(page, "admin");
    await expand(page, "API Keys");
  });

  it("creates a full-access key that expires in 30 days, and the list, the key and verify all say so", async () => {
    secrets.ha = await createKeyInUi(page, "Home Assistant", { expires: "In 30 days", access: "Full access" });
    await page.getByRole("button", { name: "Done" }).click();

    const [, hint, owner, access, status, lastUsed] = await row(page, "Home Assistant");
    expect([owner, access, status, lastUsed]).toEqual(["admin", "Full access", "Expires in 30 days", "never"]);
    expect(secrets.ha!.endsWith(hint!.slice(-4))).toBe(true);

    const verified = await verify(stage.server.origin, secrets.ha!);
    expect(verified).toMatchObject({ valid: true, scope: "full" });
    expect(new Date(verified.expiresAt).getTime() - Date.now()).toBeGreaterThan(29.9 * DAY_MS);
  });

  it("defaults to a read-only key that expires in 90 days, and takes a custom expiry date", async () => {
    secrets.kodi = await createKeyInUi(page, "Kodi living room");
    await page.getByRole("button", { name: "Done" }).click();
    // Read only, and 90 days unless told otherwise: further out than 30 days, so shown as a date.
    await expect
      .poll(async () => (await row(page, "Kodi living room"))?.slice(3, 5))
      .toEqual(["Read only", expect.stringMatching(/^Expires \d{1,2} \w{3,4} \d{4}$/)]);

    const day = new Date(Date.now() + 45 * DAY_MS).toISOString().slice(0, 10);
    await createKeyInUi(page, "Tablet", { expires: "On a date I choose", date: day });
    await page.getByRole("button", { name: "Done" }).click();
    // Past 30 days away, an expiry reads as its date ("Expires 12 Jan 2027" in en-GB).
    expect((await row(page, "Tablet"))[4]).toMatch(/^Expires \d{1,2} \w{3,4} \d{4}$/);
  });

  it("shows the API's refusal inside the create dialog", async () => {
    await page.getByRole("button", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByLabel("Name").fill("   ");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("1 to 100 characters");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("rolls a key with a grace period: the new key works at once, the old one until the time shown", async () => {
    await keyAction(page, "Kodi living room", "Roll");
    const roll = page.getByRole("dialog", { name: "Roll “Kodi living room”" });
    expect(await roll.getByRole("radio", { name: "In 1 hour" }).isChecked()).toBe(true);
    await roll.getByRole("radio", { name: "In 1 day" }).check();
    await roll.getByRole("button", { name: "Roll key" }).click();

    const newSecret = await revealedSecret(page);
    const reveal = page.getByRole("dialog", { name: "Your new key “Kodi living room”" });
    const until = (await reveal.locator("time").getAttribute("datetime"))!;
    expect(Math.abs(new Date(until).getTime() - (Date.now() + DAY_MS))).toBeLessThan(60_000);
    expect(await reveal.textContent()).toMatch(/The old key keeps working until .+ \(in 1 day\), then it is refused\./);
    await screenshot(page, "20-rolled-key-revealed");

    expect((await callWithKey(stage.server.origin, newSecret)).status).toBe(200);
    expect((await callWithKey(stage.server.origin, secrets.kodi!)).status).toBe(200);

    // The roll flow forgets its key after Done, like the create flow.
    expect(await inComponentTree(page, newSecret)).toBe(true);
    await reveal.getByRole("button", { name: "Done" }).click();
    await reveal.waitFor({ state: "detached" });
    expect(await inComponentTree(page, newSecret)).toBe(false);
    const traces = await page.evaluate(() => [
      document.documentElement.outerHTML,
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
    ]);
    for (const trace of traces) expect(trace).not.toContain(newSecret);

    // The new key inherits the expiry; the old one says it was replaced and until when it works.
    expect((await row(page, "Kodi living room", 0))[4]).toMatch(/^Expires \d/);
    expect((await row(page, "Kodi living room", 1))[4]).toBe("Replaced, stops in 1 day");
    secrets.kodi = newSecret;
  });

  it("rolls a key immediately: the old key is refused as expired, and its row says Expired", async () => {
    const old = await createKeyInUi(page, "Sync script");
    await page.getByRole("button", { name: "Done" }).click();
    await keyAction(page, "Sync script", "Roll");
    await page.getByRole("radio", { name: "Immediately" }).check();
    await page.getByRole("button", { name: "Roll key" }).click();
    const reveal = page.getByRole("dialog", { name: "Your new key “Sync script”" });
    await expect.poll(() => reveal.textContent()).toContain("The old key no longer works.");
    await reveal.getByRole("button", { name: "Done" }).click();

    const refused = await callWithKey(stage.server.origin, old);
    expect([refused.status, refused.body.error.code]).toEqual([401, "KEY_EXPIRED"]);
    expect((await row(page, "Sync script", 1))[4]).toBe("Expired");
    // The old key of a roll, expired: its usage (history follows the key) and Delete; no Renew, its successor does the work.
    await page.getByRole("button", { name: "Actions for Sync script" }).nth(1).click();
    const items = page.locator(".menu:visible button");
    expect(await items.allTextContents()).toEqual(["Usage Sync script", "Delete Sync script"]);
    await page.keyboard.press("Escape");
  });

  it("disables a key at once, refuses it with KEY_DISABLED, and enabling it restores it", async () => {
    await keyAction(page, "Home Assistant", "Disable");
    await page.getByText("“Home Assistant” is disabled").waitFor();
    // A disabled key still shows its expiry: enabling it brings it back only until then.
    expect((await row(page, "Home Assistant"))[4]).toMatch(/^DisabledExpires \d{1,2} \w{3,4} \d{4}$/);
    const refused = await callWithKey(stage.server.origin, secrets.ha!);
    expect([refused.status, refused.body.error.code]).toEqual([401, "KEY_DISABLED"]);
    expect(await verify(stage.server.origin, secrets.ha!)).toEqual({ valid: false, code: "DISABLED" });
    await screenshot(page, "21-key-disabled");

    await keyAction(page, "Home Assistant", "Enable");
    await page.getByText("“Home Assistant” is enabled").waitFor();
    expect((await row(page, "Home Assistant"))[4]).toBe("Expires in 30 days");
    expect((await callWithKey(stage.server.origin, secrets.ha!)).status).toBe(200);
  });

  it("shows when a key was last used, relatively, with the exact time on hover", async () => {
    await page.reload();
    await expand(page, "API Keys");
    const [, , , , , lastUsed] = await row(page, "Home Assistant");
    expect(lastUsed).toBe("just now");
    const title = await page.locator(".key-table tr", { hasText: "Home Assistant" }).locator("time").first().getAttribute("title");
    expect(title).toMatch(/\d{4}/);
  });

  it("lets an administrator list only the keys unused for 90 days", async () => {
    await createKeyInUi(page, "Old NAS script");
    await page.getByRole("button", { name: "Done" }).click();
    const now = Date.now();
    stage.server.sql(
      `UPDATE api_keys SET created_at = ${now - 200 * DAY_MS}, last_used_at = ${now - 120 * DAY_MS} WHERE name = 'Old NAS script'`,
    );

    await page.getByLabel("Unused for 90 days").check();
    await expect.poll(async () => (await keyRows(page)).map((cells) => cells[0])).toEqual(["Old NAS script"]);
    expect((await row(page, "Old NAS script"))[5]).toBe("4 months ago");
    await page.getByLabel("Show keys of").selectOption({ label: "admin" });
    await expect.poll(async () => (await keyRows(page)).map((cells) => cells[0])).toEqual(["Old NAS script"]);
    await page.getByLabel("Unused for 90 days").uncheck();
    await expect.poll(async () => (await keyRows(page)).length).toBe(7);
  });

  it("shows the activity newest first, in plain words, with who acted (and through which key) and from where, a page at a time", async () => {
    // Through the full-access key: the log names the key the admin acted through.
    const viaKey = await fetch(`${stage.server.origin}/api/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.ha}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Made by Home Assistant", expiresAt: new Date(Date.now() + DAY_MS).toISOString() }),
    });
    expect(viaKey.status).toBe(201);
    const haId = (await verify(stage.server.origin, secrets.ha!)).keyId as number;
    // A failed sign-in, and enough events for more than one page.
    await fetch(`${stage.server.origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "not the password" }),
    });
    for (let i = 0; i < 12; i++) {
      const response = await page.request.post("/api/keys", { data: { name: `Bulk ${i}` } });
      expect(response.status()).toBe(201);
    }

    await expand(page, "Activity");
    const events = page.locator(".event-list > li");
    await expect.poll(() => events.count()).toBe(20);
    const texts = await events.allTextContents();
    expect(texts[0]).toMatch(/^Key created: “Bulk 11” podk_…\w{4}just now/);
    expect(texts[0]).not.toContain("of admin"); // the admin made their own key: their name once
    expect(texts[0]).toContain("by admin");
    const failed = texts.find((text) => text.startsWith("Sign-in failed"))!;
    expect(failed).toMatch(/^Sign-in failed: admin.* by someone not signed in/);
    expect(texts.find((text) => text.includes("“Made by Home Assistant”"))).toContain(`by admin via key #${haId}`);
    for (const secret of Object.values(secrets)) expect(texts.join()).not.toContain(secret);
    await screenshot(page, "22-activity");

    await page.getByRole("button", { name: "Load more" }).click();
    // 24 events in this file besides sign-ins ("Signed in", one per browser sign-in): the admin created
    // at setup, 18 keys created, 2 rolled, 1 disabled, 1 enabled, 1 failed sign-in. The second page
    // holds the oldest, setup last.
    const notSignIns = async () => (await events.allTextContents()).filter((text) => !text.startsWith("Signed in"));
    await expect.poll(async () => (await notSignIns()).length).toBe(24);
    const all = await notSignIns();
    expect(all.at(-2)).toMatch(/^Key created: “Home Assistant” podk_…\w{4}/);
    expect(all.at(-1)).toMatch(/^User created: admin → administrator.* at first-run setup/);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
  });

  it("keeps the full table inside its section from the narrowest width that shows it as a table", async () => {
    for (const width of [1025, 1280]) {
      const { context, page: wide } = await newPerson(stage, { width, height: 800 });
      await signIn(wide, "admin");
      await expand(wide, "API Keys");
      await wide.locator(".key-table thead th").first().waitFor({ state: "visible" });
      const [table, body] = await Promise.all([
        wide.locator(".key-table").boundingBox(),
        wide.locator(".section-body").first().boundingBox(),
      ]);
      expect(table!.x + table!.width).toBeLessThanOrEqual(body!.x + body!.width);
      // The names keep a readable width, not a letter a line.
      expect((await wide.locator(".key-table .key-name").first().boundingBox())!.width).toBeGreaterThan(140);
      await context.close();
    }
  });

  it("fits the new states on a 360 px phone, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page: phone } = await newPerson(stage, PHONE);
      await phone.emulateMedia({ colorScheme });
      const shot = (name: string) => screenshot(phone, `lifecycle-phone-${colorScheme}-${name}`, { viewport: true });
      const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      await signIn(phone, "admin");
      await expand(phone, "API Keys");
      await phone.locator(".key-table").waitFor();
      expect(await fits()).toBe(true);
      await shot("1-keys");

      await phone.getByRole("button", { name: "Actions for Kodi living room" }).first().click();
      await phone.locator(".menu:visible").scrollIntoViewIfNeeded();
      expect(await fits()).toBe(true);
      const menu = (await phone.locator(".menu:visible").boundingBox())!;
      expect(menu.x).toBeGreaterThanOrEqual(0);
      expect(menu.x + menu.width).toBeLessThanOrEqual(PHONE.width);
      await shot("2-actions-menu");
      await phone.keyboard.press("Escape");

      await phone.getByRole("button", { name: "Create API key" }).click();
      await phone.getByLabel("Expires").selectOption({ label: "On a date I choose" });
      expect(await fits()).toBe(true);
      await shot("3-create-dialog");
      await phone.keyboard.press("Escape");

      await keyAction(phone, "Kodi living room", "Roll");
      await phone.getByRole("dialog", { name: /^Roll/ }).waitFor();
      expect(await fits()).toBe(true);
      await shot("4-roll-dialog");
      await phone.keyboard.press("Escape");

      await expand(phone, "Activity");
      await phone.locator(".event-list").waitFor();
      await phone.getByRole("button", { name: /^Activity/ }).evaluate((toggle) => toggle.scrollIntoView());
      expect(await fits()).toBe(true);
      await shot("5-activity");
      await context.close();
    }
  });
});
