import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOrigin } from "../gateway/serve-origin.mjs";
import { expand, newPerson, PASSWORD, podkeysInChromium, screenshot, signIn } from "./helpers";

// Settings → Podcast server in a real browser, against a real `wrangler dev` whose ORIGIN_URL points
// at the stand-in Pinepods server (test/gateway/pinepods-origin.js) on a real port.

let origin: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  origin = await serveOrigin(0);
});
afterAll(() => origin?.stop());

const stage = podkeysInChromium({
  admin: true,
  vars: () => ({ ORIGIN_URL: origin.url }),
});

describe("Settings → Podcast server", () => {
  it("bob links his Pinepods account (a wrong password is refused first), the admin sees it in Users, bob unlinks", async () => {
    const { page: adminPage } = await newPerson(stage);
    await signIn(adminPage, "admin");
    const created = await adminPage.evaluate(async (password) => {
      const response = await fetch("/api/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "bob", password, role: "user" }),
      });
      return response.status;
    }, PASSWORD);
    expect(created).toBe(201);

    const { page } = await newPerson(stage);
    await signIn(page, "bob");
    await expand(page, "Podcast server");
    await page.getByLabel("Pinepods username").fill("bob");
    await page.getByLabel("Pinepods password").fill("not the password");
    await page.getByRole("button", { name: "Link account" }).click();
    await page.getByText("The podcast server refused that username and password.").waitFor();
    await page.getByLabel("Pinepods password").fill("bob's pinepods password");
    await page.getByRole("button", { name: "Link account" }).click();
    await page.getByText(/Linked to the Pinepods account/).waitFor();
    expect(await page.getByText(/user 7/).count()).toBe(1);
    expect(await page.content()).not.toContain("bob's pinepods password");
    await screenshot(page, "podcast-server-linked");

    await adminPage.reload();
    await expand(adminPage, "Users");
    await adminPage.getByText("Podcast server: bob").waitFor();
    await screenshot(adminPage, "users-with-podcast-links");

    await page.getByRole("button", { name: "Unlink" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Unlink" }).click();
    await page.getByLabel("Pinepods username").waitFor();
  });
});
