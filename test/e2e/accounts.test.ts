import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOrigin } from "../gateway/serve-origin.mjs";
import { expand, expectAccessible, newPerson, podkeysInChromium, screenshot, signIn } from "./helpers";

// Issue 19 in a real browser: with the gateway on (ORIGIN_URL at the stand-in Pinepods server on a
// real port) and ORIGIN_ACCOUNTS at its default, the sign-in page speaks of the Pinepods account,
// shows Pinepods' provider buttons, and a Pinepods user with no Podkeys account signs in with it.

let origin: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  origin = await serveOrigin(0);
});
afterAll(() => origin?.stop());

const stage = podkeysInChromium({ admin: true, vars: () => ({ ORIGIN_URL: origin.url }) });

describe("signing in with a Pinepods account", () => {
  it("the page says so, shows the provider buttons, and dan's first sign-in makes his account, linked", async () => {
    const { page } = await newPerson(stage);
    await page.goto("/podkeys/");
    await page.getByRole("heading", { name: "Sign in with your Pinepods account" }).waitFor();
    await page.getByText("Podkeys keeps no copy of it").waitFor();
    await page.getByRole("button", { name: "Sign in with Pocket ID" }).waitFor();
    await screenshot(page, "sign-in-with-pinepods");
    await expectAccessible(page, "the sign-in page with the gateway's accounts on");

    await signIn(page, "dan", "dan's pinepods password");
    await expand(page, "Podcast server");
    await page.getByText(/Linked to the Pinepods account/).waitFor();
    expect(await page.getByText(/user 10/).count()).toBe(1);
    expect(await page.content()).not.toContain("dan's pinepods password");

    const { page: adminPage } = await newPerson(stage);
    await signIn(adminPage, "admin");
    await expand(adminPage, "Users");
    await adminPage.getByText("from Pinepods").waitFor();
    expect(await adminPage.getByRole("button", { name: "Reset password of dan" }).count()).toBe(0);
    await screenshot(adminPage, "users-from-pinepods");
  });
});
