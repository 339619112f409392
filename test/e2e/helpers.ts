import { mkdirSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { launchChromium } from "./chromium";
import { type Podkeys, SETUP_TOKEN, startPodkeys } from "./podkeys-server";

export const PASSWORD = "correct horse battery";
const SCREENSHOTS = "screenshots";

export interface Stage {
  server: Podkeys;
  browser: Browser;
}

/**
 * For one test file: its own `wrangler dev` with a fresh database, and a Chromium, both stopped
 * after the file. With `admin`, the administrator already exists (made through the API).
 */
export function podkeysInChromium(options: { admin?: boolean; vars?: () => Record<string, string> } = {}): Stage {
  const stage = {} as Stage;
  beforeAll(async () => {
    [stage.server, stage.browser] = await Promise.all([startPodkeys(inject("d1Template"), options.vars?.()), launchChromium()]);
    if (options.admin) await setupAdminViaApi(stage.server.origin);
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
  });
  return stage;
}

/** A browser profile of its own (cookies, storage) with clipboard access, like one person's browser. */
export async function newPerson({ browser, server }: Stage, viewport = { width: 1280, height: 860 }) {
  const origin = server.origin;
  const context = await browser.newContext({ baseURL: origin, viewport, locale: "en-GB" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

/** With `viewport`, only what is on screen: for a part of a long page, scrolled into view first. */
export async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A modal covers the viewport only: a full-page shot would show it over half a backdrop.
  const fullPage = !options.viewport && (await page.locator("dialog[open]").count()) === 0;
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage });
}

/**
 * axe-core on the page as it is now (an open dialog included): no serious or critical violation.
 * The message names each rule and the elements it found, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(blocking, `axe on ${state}`).toEqual([]);
}

export async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto("/podkeys/");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  // exact: with the gateway's accounts on, Pinepods' provider buttons read "Sign in with …" too.
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Settings" }).waitFor();
}

export async function expand(
  page: Page,
  section: "API Keys" | "Users" | "Activity" | "Sessions" | "Password" | "Two-factor sign-in" | "Podcast server" | "Notifications",
) {
  const name = new RegExp(`^${section}`);
  const toggle = page.getByRole("button", { name });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByRole("button", { name, expanded: true }).waitFor();
}

export interface KeyChoices {
  /** An option of the Expires select, by its label: "In 30 days", "On a date I choose"… */
  expires?: string;
  /** With expires "On a date I choose": yyyy-mm-dd. */
  date?: string;
  access?: "Read only" | "Full access";
}

/** Creates a key through the dialogs and returns the secret as the reveal dialog shows it; that dialog stays open. */
export async function createKeyInUi(page: Page, name: string, choices: KeyChoices = {}): Promise<string> {
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill(name);
  if (choices.expires) await dialog.getByLabel("Expires").selectOption({ label: choices.expires });
  if (choices.date) await dialog.getByLabel("Expiry date").fill(choices.date);
  if (choices.access) await dialog.getByRole("radio", { name: choices.access }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  return revealedSecret(page);
}

/**
 * Picks an action from a key's Actions menu. Rolled keys share their name with their successor;
 * `nth` picks among the rows of that name, newest first.
 */
export async function keyAction(
  page: Page,
  name: string,
  action: "Roll" | "Renew" | "Disable" | "Enable" | "Rename" | "Usage" | "Delete" | "Create a replacement",
  nth = 0,
) {
  await page
    .getByRole("button", { name: `Actions for ${name}`, exact: true })
    .nth(nth)
    .click();
  await page
    .getByRole("button", { name: `${action} ${name}`, exact: true })
    .and(page.locator(":visible"))
    .click();
}

export async function revealedSecret(page: Page): Promise<string> {
  const reveal = page.getByRole("dialog", { name: /^Your new key/ });
  // The first code is the key; Connect an app shows the server address in another.
  const secret = (await reveal.locator("code").first().textContent()) ?? "";
  expect(secret).toMatch(/^podk_[0-9A-Za-z]{49}$/);
  return secret;
}

/** The rows of the key list, as text, cell by cell; the first cell is the key's name alone (without its note or roll line). */
export async function keyRows(page: Page): Promise<string[][]> {
  await page.locator("#api-keys .list-area[aria-busy='false']").waitFor();
  return page
    .locator(".key-table tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell, index) => ((index === 0 ? cell.firstChild : cell)?.textContent ?? "").trim())),
    );
}

/** Node's own fetch, as an application holding the key would call. */
export async function callWithKey(origin: string, key: string, header: "authorization" | "api-key" = "authorization", path = "/api/me") {
  const value = header === "authorization" ? `Bearer ${key}` : key;
  const response = await fetch(`${origin}${path}`, { headers: { [header]: value } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A signed-in API client in Node (no browser): for arranging what a test needs quickly. */
export async function apiAs(origin: string, username: string, password = PASSWORD) {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .find((each) => each.startsWith("podkeys_session="))!
    .split(";")[0]!;
  return async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${origin}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? (undefined as T) : ((await response.json()) as T) };
  };
}

/** For tests that start signed in: the administrator made through the API, not the setup screen. */
export async function setupAdminViaApi(origin: string, username = "admin") {
  const response = await fetch(`${origin}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: SETUP_TOKEN, username, password: PASSWORD }),
  });
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
}

/**
 * Whether a string is anywhere in the app's live component tree: props, state and hook values,
 * reached from Preact's own bookkeeping on the root element (DOM nodes are skipped: the page's
 * HTML is checked separately).
 */
export function inComponentTree(page: Page, needle: string): Promise<boolean> {
  return page.evaluate((needle) => {
    const seen = new WeakSet<object>();
    const stack: unknown[] = [document.getElementById("app")];
    let visited = 0;
    while (stack.length > 0 && visited++ < 200_000) {
      const value = stack.pop();
      if (typeof value === "string") {
        if (value.includes(needle)) return true;
        continue;
      }
      if (value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value)) continue;
      seen.add(value);
      if (value instanceof Node && !(value instanceof Element && value.id === "app")) continue;
      for (const key of Object.getOwnPropertyNames(value)) {
        try {
          stack.push((value as Record<string, unknown>)[key]);
        } catch {}
      }
    }
    return false;
  }, needle);
}
