import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import { expand, expectAccessible, newPerson, PASSWORD, podkeysInChromium, screenshot, signIn } from "./helpers";
import { appCode } from "./totp";

// Every password and code attempt counts toward the 10-a-minute sign-in limit of the username: this
// file makes 9, so it stays in one window (the turning-off flow is covered by test/auth/two-factor.test.ts).
describe.skipIf(!haveChromium)("two-factor sign-in, in Chromium against wrangler dev", () => {
  const stage = podkeysInChromium({ admin: true });
  let page: Page;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    ({ page } = await newPerson(stage));
    await signIn(page, "admin");
  });

  it("enrols with a QR code and the secret as text, refuses a wrong code, and shows ten recovery codes once", async () => {
    await expand(page, "Two-factor sign-in");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    await page.locator(".qr-code path").waitFor(); // the code, not the box that stands in while the encoder loads
    secret = ((await page.locator(".secret-inline").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, "2fa-01-enrol");

    const right = appCode(secret);
    await page.getByLabel("Code from the app").fill(right === "000000" ? "000001" : "000000");
    await page.getByRole("button", { name: "Turn on", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("not right");

    await page.getByLabel("Code from the app").fill(right);
    await page.getByRole("button", { name: "Turn on", exact: true }).click();
    const list = page.getByRole("list", { name: "Recovery codes" });
    await list.waitFor();
    recoveryCodes = (await list.locator("code").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(recoveryCodes[9]!);
    // A modal that stays until the person says they saved the codes: Esc does nothing.
    const modal = page.getByRole("dialog", { name: "Two-factor sign-in is on: save your recovery codes" });
    await page.keyboard.press("Escape");
    expect(await modal.isVisible()).toBe(true);
    await expectAccessible(page, "the recovery codes modal");
    await screenshot(page, "2fa-02-recovery-codes");
    await modal.getByRole("button", { name: "I have saved them" }).click();
    await page.getByText("10 of 10 recovery codes left").waitFor();
  });

  it("shows administrators who has two-factor on", async () => {
    await expand(page, "Users");
    await page.locator(".user-row", { hasText: "admin" }).getByText("2FA on").waitFor();
    await screenshot(page, "2fa-05-users");
  });

  it("asks for the code after the password, and signs in with it", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in", exact: true }).waitFor(); // not the Users section's form
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await screenshot(page, "2fa-03-code-step");
    // Focus is already in the code field: typing without Tab fills it (this step's code was used to enrol).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("inputmode"))).toBe("numeric");
    await page.keyboard.type(appCode(secret, 1));
    expect(await page.getByLabel("Code", { exact: true }).inputValue()).toBe(appCode(secret, 1));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Settings" }).waitFor();
  });

  it("signs in with a recovery code once, and refuses it the second time", async () => {
    for (const attempt of ["first", "second"]) {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in", exact: true }).waitFor(); // not the Users section's form
      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "Use a recovery code" }).click();
      await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
      await page.getByRole("button", { name: "Sign in" }).click();
      if (attempt === "first") {
        await page.getByRole("heading", { name: "Settings" }).waitFor();
      } else {
        await expect.poll(() => page.getByRole("alert").textContent()).toContain("not right");
        await screenshot(page, "2fa-04-recovery-refused");
      }
    }
  });
});
