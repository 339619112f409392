import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import {
  callWithKey,
  createKeyInUi,
  expand,
  expectAccessible,
  inComponentTree,
  keyAction,
  keyRows,
  newPerson,
  PASSWORD,
  podkeysInChromium,
  screenshot,
  signIn,
} from "./helpers";
import { SETUP_TOKEN } from "./podkeys-server";

describe.skipIf(!haveChromium)("the seed workflow, in Chromium against wrangler dev", () => {
  const stage = podkeysInChromium();
  let page: Page;
  let secret: string;

  beforeAll(async () => {
    ({ page } = await newPerson(stage));
  });

  it("creates the administrator at the setup link, signs them in and drops the token from the address bar", async () => {
    await page.goto(`/podkeys/setup?token=${SETUP_TOKEN}`);
    await page.getByRole("heading", { name: "Welcome to Podkeys" }).waitFor();
    await screenshot(page, "01-setup");
    // Focus starts on the first field to fill: the link brought the token, the username is suggested.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toBe("Password");
    await expectAccessible(page, "the setup screen");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(`${PASSWORD}!`);
    await page.getByRole("button", { name: "Create account" }).click();
    // A typo in the repeat is caught by the browser before anything is sent.
    expect(await page.getByLabel("Repeat password").evaluate((input: HTMLInputElement) => input.validationMessage)).toBe(
      "The two passwords differ.",
    );
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    expect(new URL(page.url()).search).toBe("");
  });

  it("signs out, refuses a wrong password next to the form, and signs in", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in", exact: true }).waitFor();
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Wrong username or password.");
    // "You are signed out." belonged to the last session: it does not stay above the error.
    expect(await page.getByText("You are signed out.").count()).toBe(0);
    await screenshot(page, "02-sign-in-error");
    await expectAccessible(page, "the sign-in screen with an error");
    await signIn(page, "admin");
  });

  it("opens API Keys on arrival and explains what keys are for while there are none", async () => {
    expect(await page.getByRole("button", { name: /^API Keys/ }).getAttribute("aria-expanded")).toBe("true");
    await page.getByText("No API keys yet").waitFor();
    await screenshot(page, "03-settings-empty");
  });

  it("shows a new key once, and that key authenticates GET /api/me", async () => {
    secret = await createKeyInUi(page, "Kodi living room");
    const reveal = page.getByRole("dialog", { name: "Your new key “Kodi living room”" });
    expect(await reveal.getAttribute("aria-modal")).toBe("true");
    await expect.poll(() => reveal.textContent()).toContain("This key will not be shown again.");

    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await reveal.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, "04-key-revealed");
    await expectAccessible(page, "the one-time key dialog");

    for (const header of ["authorization", "api-key"] as const) {
      const me = await callWithKey(stage.server.origin, secret, header);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ via: "apiKey", user: { username: "admin" }, key: { name: "Kodi living room" } });
    }
  });

  it("forgets the key after Done: no element, storage or state holds it, and the list shows only its hint", async () => {
    // The check below must be able to see the key while the dialog holds it...
    expect(await inComponentTree(page, secret)).toBe(true);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    // ...and after Done, no prop, state or hook of any component has it.
    expect(await inComponentTree(page, secret)).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Create API key");

    const traces = await page.evaluate(() => [
      document.documentElement.outerHTML,
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      JSON.stringify(history.state),
      document.cookie,
      String(getSelection()),
    ]);
    for (const trace of traces) expect(trace).not.toContain(secret);

    const [row, ...others] = await keyRows(page);
    expect(others).toEqual([]);
    const [name, hint, owner] = row!;
    expect(name).toBe("Kodi living room");
    expect(hint).toMatch(/^podk_…/);
    expect(secret.endsWith(hint!.slice(-4))).toBe(true);
    expect(owner).toBe("admin");

    // The key was used above, so after a reload it is no longer "never" used. Its lastUsedAt is written
    // after the answer (batched, within 250 ms), so a reload may come first: reload until it shows.
    await expect
      .poll(
        async () => {
          await page.reload();
          await expand(page, "API Keys");
          return (await keyRows(page))[0]?.[5] ?? "never"; // no row yet: not shown yet
        },
        { timeout: 10_000 },
      )
      .not.toBe("never");
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, "05-settings-one-key");
  });

  it("deletes a key only after a confirmation, and the key is refused on the very next request", async () => {
    await keyAction(page, "Kodi living room", "Delete");
    const confirm = page.getByRole("dialog", { name: "Delete “Kodi living room”?" });
    const text = await confirm.textContent();
    expect(text).toContain("permanent");
    expect(text).toContain("loses access instantly");
    await screenshot(page, "06-delete-confirm");
    await expectAccessible(page, "the delete confirmation");

    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    expect(await keyRows(page)).toHaveLength(1);
    expect((await callWithKey(stage.server.origin, secret)).status).toBe(200);

    await keyAction(page, "Kodi living room", "Delete");
    await confirm.getByRole("button", { name: "Delete key" }).click();
    await confirm.waitFor({ state: "detached" });
    await page.getByText("No API keys yet").waitFor();
    expect(await keyRows(page)).toEqual([]);
    // Said where it happened, and focus lands on Create: the list it would have gone to is empty.
    await page.getByText("“Kodi living room” deleted.", { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Create API key");

    const refused = await callWithKey(stage.server.origin, secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("INVALID_KEY");
  });

  it("shows a name full of markup as text, running nothing", async () => {
    const name = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    await createKeyInUi(page, name);
    await page.getByRole("button", { name: "Done" }).click();
    const [row] = await keyRows(page);
    expect(row![0]).toBe(name);
    expect(await page.locator(".key-table img, .key-table script").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("changes the password, after which only the new one signs in", async () => {
    await expand(page, "Password");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Repeat new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed.").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong username or password.").waitFor();
    await signIn(page, "admin", "a brand new passphrase");
  });
});
