import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import { expand, keyAction, newPerson, PASSWORD, podkeysInChromium, revealedSecret, screenshot, signIn } from "./helpers";

// Step-up (sudo mode): with a session whose last password is older than 10 minutes, turning
// two-factor on asks "Confirm it's you" in place, and the enrolment goes on once the password is given.
describe.skipIf(!haveChromium)("step-up for sensitive changes, in Chromium against wrangler dev", () => {
  const stage = podkeysInChromium({ admin: true });
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPerson(stage));
    await signIn(page, "admin");
    // The sign-in was 11 minutes ago, as far as the session's step-up window is concerned.
    stage.server.sql(`UPDATE sessions SET reauthenticated_at = ${Date.now() - 11 * 60 * 1000}`);
  });

  it("asks for the password in place, refuses a wrong one, then turns two-factor on without a second click", async () => {
    await expand(page, "Two-factor sign-in");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    await screenshot(page, "step-up-01-confirm");

    await dialog.getByLabel("Password").fill("not my password");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("wrong");

    await dialog.getByLabel("Password").fill(PASSWORD);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "detached" });
    // The request that asked for it went on: the enrolment's QR code is there.
    await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    await screenshot(page, "step-up-02-continued");
  });

  it("leaves the change undone when the person cancels", async () => {
    stage.server.sql(`UPDATE sessions SET reauthenticated_at = ${Date.now() - 11 * 60 * 1000}`);
    await page.reload();
    await expand(page, "Two-factor sign-in");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Confirm it's you");
  });

  it("asks before a key that may manage keys is made, then shows the new key", async () => {
    stage.server.sql(`UPDATE sessions SET reauthenticated_at = ${Date.now() - 11 * 60 * 1000}`);
    await page.reload();
    await expand(page, "API Keys");
    await page.getByRole("button", { name: "Create API key" }).click();
    const create = page.getByRole("dialog", { name: "Create API key" });
    await create.getByLabel("Name").fill("Manager script");
    await create.getByRole("radio", { name: "Full access" }).check();
    await create.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    await dialog.getByLabel("Password").fill(PASSWORD);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "detached" });
    // The creation went on: the one-time reveal shows the key.
    expect(await revealedSecret(page)).toMatch(/\S{20,}/);
    await screenshot(page, "step-up-03-key-created");
  });

  it("asks before a key that may manage keys is rolled, then shows the new key", async () => {
    stage.server.sql(`UPDATE sessions SET reauthenticated_at = ${Date.now() - 11 * 60 * 1000}`);
    await page.reload();
    await expand(page, "API Keys");
    await keyAction(page, "Manager script", "Roll");
    await page.getByRole("dialog", { name: "Roll “Manager script”" }).getByRole("button", { name: "Roll key" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    await dialog.getByLabel("Password").fill(PASSWORD);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "detached" });
    // The roll went on: the new key is revealed once.
    await page.getByRole("dialog", { name: "Your new key “Manager script”" }).waitFor();
    expect(await revealedSecret(page)).toMatch(/\S{20,}/);
    await screenshot(page, "step-up-04-key-rolled");
  });
});
