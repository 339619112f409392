import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import { callWithKey, keyRows, newPerson, PASSWORD, podkeysInChromium } from "./helpers";

/** What the focused element is: its text, its label, and whether it sits in a dialog, with the ring it shows. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const label = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : undefined;
    const style = element ? getComputedStyle(element) : undefined;
    return {
      text: (element?.textContent ?? "").trim(),
      label: label ?? undefined,
      inDialog: Boolean(element?.closest("dialog")),
      ring: style ? style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 : false,
    };
  });
}

/**
 * The one-time key dialog, by keyboard: focus starts on Copy, Enter copies, and the copied key works.
 * Returns the dialog and the key, for what the test checks next.
 */
async function copyRevealedKey(page: Page, keyName: string, origin: string) {
  const reveal = page.getByRole("dialog", { name: `Your new key “${keyName}”` });
  await reveal.waitFor();
  expect(await focused(page)).toMatchObject({ text: "Copy", inDialog: true });
  await page.keyboard.press("Enter");
  await reveal.getByText("Copied to the clipboard.").waitFor();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect((await callWithKey(origin, secret)).status).toBe(200);
  return { reveal, secret };
}

/** Presses Tab until the element with this text (or label) has focus. */
async function tabTo(page: Page, name: string | RegExp, limit = 30) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const { text, label } = await focused(page);
    const matches = (value: string | undefined) => value !== undefined && (typeof name === "string" ? value === name : name.test(value));
    if (matches(text) || matches(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe.skipIf(!haveChromium)("keyboard only", () => {
  const stage = podkeysInChromium({ admin: true });
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPerson(stage));
  });

  it("signs in without a mouse", async () => {
    await page.goto("/podkeys/");
    await page.getByLabel("Username").waitFor();
    expect((await focused(page)).label).toBe("Username");
    await page.keyboard.type("admin");
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Settings" }).waitFor();
  });

  it("opens API Keys and the create dialog, and Esc closes it with focus back on its button", async () => {
    await tabTo(page, /^API Keys/);
    expect((await focused(page)).ring).toBe(true);
    await page.keyboard.press("Enter");
    await tabTo(page, "Create API key");
    expect((await focused(page)).ring).toBe(true);

    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Create API key" }).waitFor();
    expect(await focused(page)).toMatchObject({ label: "Name", inDialog: true });
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await expect.poll(async () => (await focused(page)).text).toBe("Create API key");
  });

  it("creates a key, keeps the one-time dialog open through Esc, and returns focus after Done", async () => {
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Create API key" }).waitFor();
    await page.keyboard.type("Typed by keyboard");
    await page.keyboard.press("Enter");

    const { reveal, secret } = await copyRevealedKey(page, "Typed by keyboard", stage.server.origin);

    // Esc twice: Chromium lets a page refuse only the first, so the dialog must hold on its own.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    expect(await reveal.isVisible()).toBe(true);

    // Tab stays inside the modal: from Copy, through Connect an app's Copy, it reaches Done, never the page behind.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ text: "Copy server address", inDialog: true });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ text: "Done", inDialog: true });
    await page.keyboard.press("Enter");
    await reveal.waitFor({ state: "detached" });
    await expect.poll(async () => (await focused(page)).text).toBe("Create API key");
    expect((await keyRows(page)).map((row) => row[0])).toEqual(["Typed by keyboard"]);
    expect(await page.content()).not.toContain(secret);
  });

  it("rolls a key without a mouse: menu, grace choice, the new key shown once, focus back on the row", async () => {
    await tabTo(page, "Actions for Typed by keyboard");
    expect((await focused(page)).ring).toBe(true);
    await page.keyboard.press("Enter");
    // The menu opens on its first item; Esc closes it and gives focus back to its button.
    expect((await focused(page)).text).toBe("Roll Typed by keyboard");
    await page.keyboard.press("Escape");
    expect((await focused(page)).text).toBe("Actions for Typed by keyboard");
    expect(await page.locator(".menu:visible").count()).toBe(0);

    // Esc cancels the roll dialog too, with focus back where it was opened from.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    const roll = page.getByRole("dialog", { name: "Roll “Typed by keyboard”" });
    await roll.waitFor();
    await page.keyboard.press("Escape");
    await roll.waitFor({ state: "detached" });
    await expect.poll(async () => (await focused(page)).text).toBe("Actions for Typed by keyboard");

    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await roll.waitFor();
    // Focus starts on the chosen grace period; the arrow keys choose another.
    expect(await focused(page)).toMatchObject({ label: "In 1 hour", inDialog: true });
    await page.keyboard.press("ArrowDown");
    expect(await roll.getByRole("radio", { name: "In 1 day" }).isChecked()).toBe(true);
    await tabTo(page, "Roll key", 3);
    await page.keyboard.press("Enter");

    const { reveal } = await copyRevealedKey(page, "Typed by keyboard", stage.server.origin);
    expect(await reveal.textContent()).toContain("(in 1 day)");
    await page.keyboard.press("Escape");
    expect(await reveal.isVisible()).toBe(true);

    await tabTo(page, "Done", 3);
    await page.keyboard.press("Enter");
    await reveal.waitFor({ state: "detached" });
    await expect.poll(async () => (await focused(page)).text).toBe("Actions for Typed by keyboard");
    // The old key sits under its successor, replaced, and works one more day.
    expect((await keyRows(page)).map((row) => [row[0], row[4]])).toEqual([
      ["Typed by keyboard", expect.stringMatching(/^Expires \d/)],
      ["Typed by keyboard", "Replaced, stops in 1 day"],
    ]);
  });

  it("deletes the rolled-out key from its row's Actions menu, with Cancel holding the initial focus", async () => {
    // Focus is on the new key's row: the next Actions button is the old key's.
    await tabTo(page, "Actions for Typed by keyboard");
    await page.keyboard.press("Enter");
    // A replaced key offers its Usage and Delete; the menu opens on the first.
    expect((await focused(page)).text).toBe("Usage Typed by keyboard");
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).text).toBe("Delete Typed by keyboard");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Delete “Typed by keyboard”?" }).waitFor();
    expect(await focused(page)).toMatchObject({ text: "Cancel", inDialog: true });
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("Delete key");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await keyRows(page)).map((row) => row[4])).toEqual([expect.stringMatching(/^Expires \d/)]);
    // Focus goes to the row that is left, not to a hidden heading.
    await expect.poll(async () => (await focused(page)).text).toBe("Actions for Typed by keyboard");
  });
});
