import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import { createKeyInUi, expand, keyAction, newPerson, podkeysInChromium, screenshot, signIn } from "./helpers";

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };

/** Whether anything sticks out sideways: the page must never scroll horizontally. */
function overflowsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe.skipIf(!haveChromium)("layout: 360 px to desktop, light and dark", () => {
  const stage = podkeysInChromium({ admin: true });

  beforeAll(async () => {
    // Seed keys with a long name and a long unbroken one, the worst case for a narrow screen.
    const { context, page } = await newPerson(stage);
    await signIn(page, "admin");
    await expand(page, "API Keys");
    for (const name of ["Kodi living room", "AntennaPod on the kitchen tablet, second floor", "x".repeat(100)]) {
      await createKeyInUi(page, name);
      await page.getByRole("button", { name: "Done" }).click();
    }
    await context.close();
  });

  for (const [size, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`fits a ${size} in the ${colorScheme} theme, with and without dialogs`, async () => {
        const { context, page } = await newPerson(stage, viewport);
        await page.emulateMedia({ colorScheme });
        const shot = (name: string) => screenshot(page, `layout-${size}-${colorScheme}-${name}`);

        await page.goto("/podkeys/");
        await page.getByRole("button", { name: "Sign in" }).waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        await shot("1-sign-in");

        await signIn(page, "admin");
        await expand(page, "API Keys");
        await expand(page, "Users");
        await page.getByRole("button", { name: "Actions for Kodi living room" }).waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        await shot("2-settings");

        await createKeyInUi(page, "Shown on a small screen");
        const reveal = page.getByRole("dialog", { name: /^Your new key/ });
        const box = (await reveal.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(await overflowsSideways(page)).toBe(false);
        await shot("3-key-revealed");
        await page.getByRole("button", { name: "Done" }).click();

        await keyAction(page, "Shown on a small screen", "Delete");
        await page.getByRole("dialog").waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        await shot("4-delete-confirm");
        await page.getByRole("button", { name: "Delete key" }).click();
        await page.getByRole("dialog").waitFor({ state: "detached" });
        await context.close();
      });
    }
  }

  it("keeps the page still while the key list loads", async () => {
    const { context, page } = await newPerson(stage);
    // Only one key for this check: a longer list may grow the page, but it must not jump on load.
    // Routed before sign-in: API Keys is open on arrival, so the list loads with the page.
    await page.route("**/api/keys", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { keys: Array<{ name: string }> };
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.fulfill({ response, json: { keys: body.keys.filter((key) => key.name === "Kodi living room") } });
    });
    await signIn(page, "admin");
    const usersToggle = page.getByRole("button", { name: /^Users/ });
    const keysToggle = page.getByRole("button", { name: /^API Keys/ });
    await page.locator(".skeleton").waitFor();
    // The sections below wait for the list: appearing under it later moves nothing that was on screen.
    expect(await usersToggle.count()).toBe(0);
    const whileLoading = (await keysToggle.boundingBox())!.y;
    await page.locator(".key-table").waitFor();
    await usersToggle.waitFor();
    expect((await keysToggle.boundingBox())!.y).toBe(whileLoading);
    await context.close();
  });
});
