import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOrigin } from "../gateway/serve-origin.mjs";
import { haveChromium } from "./chromium";
import {
  apiAs,
  callWithKey,
  expand,
  expectAccessible,
  keyAction,
  newPerson,
  PASSWORD,
  podkeysInChromium,
  screenshot,
  signIn,
} from "./helpers";

// Issue 23, as a new member of a Pinepods household uses the page: connecting an app, deliberate role
// changes, renewing keys, rolled pairs, focus after each action, and a page that never scrolls sideways
// or jumps. Against a real `wrangler dev` whose ORIGIN_URL is the stand-in Pinepods server.

let origin: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  origin = await serveOrigin(0);
});
afterAll(() => origin?.stop());

/** What has focus, as text: never "BODY" after an action. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element === document.body || !element ? "BODY" : (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
  });

describe.skipIf(!haveChromium)("a household gets connected (issue 23)", () => {
  const stage = podkeysInChromium({ admin: true, vars: () => ({ ORIGIN_URL: origin.url }) });
  let asAdmin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    asAdmin = await apiAs(stage.server.origin, "admin");
    expect((await asAdmin("POST", "/users", { username: "bob", password: PASSWORD, role: "user" })).status).toBe(201);
  });

  it("shows the signed-out page without a request that fails, so the console stays clean", async () => {
    const { context, page } = await newPerson(stage);
    const errors: string[] = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(error.message));
    const me: string[] = [];
    page.on("request", (request) => request.url().endsWith("/api/me") && me.push(request.url()));
    await page.goto("/podkeys/");
    await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
    expect(errors).toEqual([]);
    expect(me).toEqual([]);
    // A failed sign-in puts focus back on the password, to type it again.
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill("not bob's password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: /./ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("sign-in-password");
    await context.close();
  });

  it("connects an app: the key dialog shows the server address with Copy and a QR code, the credential and the access, and the link blocker", async () => {
    const { context, page } = await newPerson(stage);
    await signIn(page, "bob");
    await expand(page, "API Keys");
    // Unlinked: the list says so before any key is made.
    await page.locator("#api-keys .link-blocker").waitFor();
    await page.getByRole("button", { name: "Create API key" }).click();
    const create = page.getByRole("dialog", { name: "Create API key" });
    // Behind the door a Pinepods app must write to save progress: the Podcast app preset is the default.
    expect(await create.getByRole("radio", { name: "Podcast app" }).isChecked()).toBe(true);
    await create.getByLabel("Name").fill("AntennaPod phone");
    await create.getByRole("button", { name: "Create key" }).click();
    const reveal = page.getByRole("dialog", { name: /^Your new key/ });
    const connect = reveal.getByRole("region", { name: "Connect an app" });
    await connect.waitFor();
    expect(await connect.locator(".secret").textContent()).toBe(stage.server.origin);
    await connect.getByText("Link your Pinepods account first").waitFor();
    await connect.getByText(/your Podkeys username and password/).waitFor();
    await connect.getByText(/needs a key that may write — the Podcast app preset or Full access — to save your progress/).waitFor();
    await connect.getByRole("img", { name: `QR code of the server address ${stage.server.origin}` }).waitFor();
    // The code itself, not the empty box that stands in while its encoder loads.
    await connect.locator(".qr-code path").waitFor();
    await connect.getByRole("button", { name: "Copy server address" }).click();
    await connect.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stage.server.origin);
    await expectAccessible(page, "the one-time key dialog with Connect an app, unlinked");
    await screenshot(page, "household-01-connect-an-app-unlinked");
    await reveal.getByRole("button", { name: "Done" }).click();

    // Podcast server: the blocker, the link form, then Connect an app without the blocker.
    await expand(page, "Podcast server");
    const section = page.locator("#podcast-server");
    await section.getByText("Link your Pinepods account first").waitFor();
    await section.locator(".connect-app .secret").waitFor();
    await expectAccessible(page, "Podcast server, unlinked");
    await screenshot(page, "household-02-podcast-server-unlinked");
    await page.getByLabel("Pinepods username").fill("bob");
    await page.getByLabel("Pinepods password").fill("bob's pinepods password");
    await page.getByRole("button", { name: "Link account" }).click();
    await section.getByText(/Linked to the Pinepods account/).waitFor();
    // Focus on what happened, not the page.
    await expect.poll(() => focused(page)).toMatch(/^Linked to the Pinepods account bob/);
    expect(await section.getByText("Link your Pinepods account first").count()).toBe(0);
    expect(await section.locator(".connect-app .secret").textContent()).toBe(stage.server.origin);
    await expectAccessible(page, "Podcast server, linked, with Connect an app");
    await screenshot(page, "household-03-podcast-server-linked");

    // Unlink: focus goes to the form for linking again.
    await section.getByRole("button", { name: "Unlink" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Unlink" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pinepods-username");
    await context.close();
  });

  it("changes a role only after a confirmation naming the person and the role; an arrow key alone changes nothing", async () => {
    const { context, page } = await newPerson(stage);
    await signIn(page, "admin");
    await expand(page, "Users");
    const role = page.getByLabel("Role of bob");
    await role.focus();
    await page.keyboard.press("ArrowDown");
    const dialog = page.getByRole("dialog", { name: "Make bob an administrator?" });
    await dialog.waitFor();
    const bob = async () => (await asAdmin("GET", "/users")).body.users.find((user: { username: string }) => user.username === "bob").role;
    expect(await bob()).toBe("user");
    await expectAccessible(page, "the role change confirmation");
    await screenshot(page, "household-04-role-confirmation");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await role.inputValue()).toBe("user");
    expect(await bob()).toBe("user");

    await role.selectOption("admin");
    await page.getByRole("dialog", { name: "Make bob an administrator?" }).getByRole("button", { name: "Change role" }).click();
    await page.getByRole("status").filter({ hasText: "bob is now an administrator." }).waitFor();
    expect(await bob()).toBe("admin");
    await role.selectOption("user");
    await page.getByRole("dialog", { name: "Make bob a standard user?" }).getByRole("button", { name: "Change role" }).click();
    await page.getByRole("status").filter({ hasText: "bob is now a standard user." }).waitFor();
    expect(await bob()).toBe("user");
    await context.close();
  });

  it("renews an expired key: a new key shown once, with the same name and access, that works", async () => {
    const asBob = await apiAs(stage.server.origin, "bob");
    const created = await asBob("POST", "/keys", {
      name: "Kodi living room",
      scope: "read",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    stage.server.sql(`UPDATE api_keys SET expires_at = ${Date.now() - 60_000} WHERE id = ${created.body.apiKey.id}`);
    const { context, page } = await newPerson(stage);
    await signIn(page, "bob");
    await expand(page, "API Keys");
    await keyAction(page, "Kodi living room", "Renew");
    const dialog = page.getByRole("dialog", { name: "Renew “Kodi living room”" });
    await dialog.getByText("The old key has expired and stays refused.").waitFor();
    await expectAccessible(page, "the renew dialog");
    await screenshot(page, "household-05-renew");
    await dialog.getByLabel("Expires").selectOption({ label: "In 30 days" });
    await dialog.getByRole("button", { name: "Renew key" }).click();
    const reveal = page.getByRole("dialog", { name: "Your new key “Kodi living room”" });
    const secret = ((await reveal.locator("code").first().textContent()) ?? "").trim();
    expect(secret).toMatch(/^podk_/);
    await reveal.getByRole("button", { name: "Done" }).click();
    expect((await callWithKey(stage.server.origin, secret)).status).toBe(200);
    const keys = (await asBob("GET", "/keys")).body.keys as { id: number; name: string; scope: string; expiresAt: string }[];
    const renewed = keys.find((key) => key.name === "Kodi living room" && key.id !== created.body.apiKey.id)!;
    expect(renewed.scope).toBe("read");
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await context.close();
  });

  it("follows usage across a roll, and deleting the new key of a pair warns and ends the old one too", async () => {
    const asBob = await apiAs(stage.server.origin, "bob");
    const old = await asBob("POST", "/keys", { name: "Pocket Casts", scope: "full" });
    await callWithKey(stage.server.origin, old.body.key);
    // Usage is counted after the answer: wait until the old key's use is in.
    await expect.poll(async () => (await asBob("GET", `/keys/${old.body.apiKey.id}/usage?days=30`)).body.days.at(-1).valid).toBe(1);
    const rolled = await asBob("POST", `/keys/${old.body.apiKey.id}/roll`, { graceSeconds: 86_400 });
    const { context, page } = await newPerson(stage);
    await signIn(page, "bob");
    await expand(page, "API Keys");
    // The old key's Usage opens; the new key's counts the use of the key it replaced.
    await keyAction(page, "Pocket Casts", "Usage", 1);
    await page.getByRole("dialog", { name: "“Pocket Casts”" }).getByRole("button", { name: "Close" }).click();
    await keyAction(page, "Pocket Casts", "Usage", 0);
    const usage = page.getByRole("dialog", { name: "“Pocket Casts”" });
    await usage.getByText("With the key it replaced.").waitFor();
    await usage.getByText("1 check accepted and 0 refused in the last 30 days.").waitFor();
    await usage.getByRole("button", { name: "Close" }).click();

    await keyAction(page, "Pocket Casts", "Delete", 0);
    const confirm = page.getByRole("dialog", { name: "Delete “Pocket Casts”?" });
    await confirm.getByText(/deleting this one does not stop it/).waitFor();
    expect(await confirm.getByRole("checkbox", { name: "Also end the old key now" }).isChecked()).toBe(true);
    await expectAccessible(page, "deleting the new key of a pair");
    await screenshot(page, "household-06-delete-new-of-pair");
    await confirm.getByRole("button", { name: "Delete key" }).click();
    await page.getByText("“Pocket Casts” deleted, and the key it replaced.").waitFor();
    const left = (await asBob("GET", "/keys")).body.keys.map((key: { id: number }) => key.id);
    expect(left).not.toContain(old.body.apiKey.id);
    expect(left).not.toContain(rolled.body.apiKey.id);
    expect((await callWithKey(stage.server.origin, old.body.key)).status).toBe(401);
    await context.close();
  });

  it("keeps focus on the page after Delete expired keys and Sign out other sessions; Activity names the device; this browser is active now", async () => {
    const asBob = await apiAs(stage.server.origin, "bob");
    const gone = await asBob("POST", "/keys", { name: "Old script", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    stage.server.sql(`UPDATE api_keys SET expires_at = ${Date.now() - 60_000} WHERE id = ${gone.body.apiKey.id}`);
    const { context, page } = await newPerson(stage);
    await signIn(page, "bob");
    await expand(page, "API Keys");
    await page.getByRole("button", { name: "Delete expired keys" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete expired keys" }).click();
    await page.getByText(/expired keys? deleted\./).waitFor();
    await expect.poll(() => focused(page)).not.toBe("BODY");

    await expand(page, "Sessions");
    await page.locator(".session-row", { hasText: "this browser" }).getByText("active now").waitFor();
    await page.getByRole("button", { name: "Sign out other sessions" }).click();
    await page.getByText(/other sessions? (is|are) signed out\./).waitFor();
    await expect.poll(() => focused(page)).toMatch(/signed out\.$/);

    await expand(page, "Activity");
    await page
      .locator(".event", { hasText: "Signed in" })
      .first()
      .getByText(/Chrome on Linux/)
      .waitFor();
    await screenshot(page, "household-07-activity-device");
    await context.close();
  });
});

describe.skipIf(!haveChromium)("layout with a rolled pair, a disabled key and a 500-character note (issue 23)", () => {
  const stage = podkeysInChromium({ admin: true, vars: () => ({ ORIGIN_URL: origin.url }) });

  beforeAll(async () => {
    const asAdmin = await apiAs(stage.server.origin, "admin");
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const pair = await asAdmin("POST", "/keys", { name: "Rolled with a long name for a podcast app", expiresAt: soon });
    await asAdmin("POST", `/keys/${pair.body.apiKey.id}/roll`, { graceSeconds: 3600 });
    const off = await asAdmin("POST", "/keys", { name: "Switched off", expiresAt: soon });
    await asAdmin("PATCH", `/keys/${off.body.apiKey.id}`, { enabled: false });
    const noted = await asAdmin("POST", "/keys", { name: "Noted" });
    await asAdmin("PATCH", `/keys/${noted.body.apiKey.id}`, { note: "n ".repeat(250).trim().padEnd(500, "n") });
    await asAdmin("POST", "/keys", { name: "x".repeat(100) });
  });

  /** Whether the page or any section (card) is wider than its box. */
  const overflowing = (page: Page) =>
    page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll<HTMLElement>(".section, .dialog[open]")]
        .filter((element) => element.scrollWidth > element.clientWidth)
        .map((element) => `${element.id || element.className}: ${element.scrollWidth} > ${element.clientWidth}`),
    );

  for (const width of [360, 390, 1024, 1100, 1280]) {
    it(`fits ${width} px: no page or card scrolls sideways, with every section open and the Usage view`, async () => {
      const { context, page } = await newPerson(stage, { width, height: 860 });
      await signIn(page, "admin");
      for (const section of ["API Keys", "Users", "Podcast server", "Activity", "Sessions", "Password", "Two-factor sign-in"] as const)
        await expand(page, section);
      await page.getByRole("button", { name: "Actions for Noted" }).waitFor();
      await page.locator("#activity .event").first().waitFor();
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, `household-layout-${width}`);
      await keyAction(page, "Switched off", "Usage");
      await page.locator(".usage-chart").waitFor();
      expect(await overflowing(page)).toEqual([]);
      if (width === 360 || width === 1280) await screenshot(page, `household-layout-${width}-usage`);
      await context.close();
    });
  }

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`moves nothing while a signed-in page loads at ${viewport.width} px (CLS < 0.05)`, async () => {
      const { context, page } = await newPerson(stage, viewport);
      await signIn(page, "admin");
      await page.addInitScript(() => {
        const w = window as unknown as { cls: number; shifted: string[] };
        w.cls = 0;
        w.shifted = [];
        type Shift = { value: number; hadRecentInput: boolean; sources: { node?: Node; previousRect: DOMRect; currentRect: DOMRect }[] };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as Shift[]) {
            if (entry.hadRecentInput) continue;
            w.cls += entry.value;
            // What moved, for the failure message.
            for (const source of entry.sources)
              w.shifted.push(
                `${(source.node as Element | undefined)?.className ?? source.node?.nodeName} ${source.previousRect.y}→${source.currentRect.y} h${source.previousRect.height}→${source.currentRect.height}`,
              );
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.reload();
      await page.getByRole("button", { name: "Actions for Noted" }).waitFor();
      await page.getByRole("button", { name: /^Two-factor sign-in/ }).waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const { cls, shifted } = await page.evaluate(() => {
        const w = window as unknown as { cls: number; shifted: string[] };
        return { cls: w.cls, shifted: w.shifted };
      });
      expect(cls, shifted.join("; ")).toBeLessThan(0.05);
      await context.close();
    });
  }
});
