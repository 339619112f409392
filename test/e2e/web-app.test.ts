import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOrigin } from "../gateway/serve-origin.mjs";
import { apiAs, newPerson, PASSWORD, podkeysInChromium, screenshot } from "./helpers";

// The household's one URL, in a real browser: with ORIGIN_URL set, `/` is Pinepods' web app (the
// stand-in's page, whose script signs in as the real one does: get_key with Basic credentials, then
// get_user and its podcasts with the key it got), and the settings page is at /podkeys/.

let origin: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  origin = await serveOrigin(0);
});
afterAll(() => origin?.stop());

const stage = podkeysInChromium({ admin: true, vars: () => ({ ORIGIN_URL: origin.url }) });

describe("Pinepods' web app at the edge URL", () => {
  it("is served at / through the door and signs bob in with his Podkeys password; the origin never sees a Podkeys key", async () => {
    const admin = await apiAs(stage.server.origin, "admin");
    expect((await admin("POST", "/users", { username: "bob", password: PASSWORD, role: "user" })).status).toBe(201);
    const bob = await apiAs(stage.server.origin, "bob");
    expect((await bob("PUT", "/me/origin", { username: "bob", password: "bob's pinepods password" })).status).toBe(200);
    await fetch(`${origin.url}/__received`, { method: "DELETE" });

    const { page } = await newPerson(stage);
    await page.goto("/");
    await page.getByRole("heading", { name: "Pinepods" }).waitFor();
    await page.getByLabel("Username").fill("bob");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("Signed in to Pinepods as user 7: bob's show").waitFor();
    await screenshot(page, "pinepods-web-app-signed-in");

    const received = (await (await fetch(`${origin.url}/__received`)).json()) as { path: string; headers: Record<string, string> }[];
    // The browser's own /favicon.ico goes to the web app too.
    // (Its live-updates WebSocket is web-app-live.test.ts's.)
    const paths = received.map((request) => request.path).filter((path) => path !== "/favicon.ico" && !path.startsWith("/ws/"));
    expect(paths.sort()).toEqual(["/", "/api/data/return_pods/7", "/assets/app.css", "/assets/app.js"]);
    expect(received.find((request) => request.path === "/api/data/return_pods/7")!.headers["api-key"]).toBe(
      "pp-origin-key-bob-0123456789abcdef",
    );
    expect(JSON.stringify(received)).not.toMatch(/podk_/);

    // The settings page is at /podkeys/, the same browser, the same URL.
    await page.goto("/podkeys/");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });
});
