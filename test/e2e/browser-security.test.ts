import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import { createKeyInUi, expand, newPerson, podkeysInChromium, signIn } from "./helpers";

/**
 * The browser-side defenses, in a real Chromium against a real `wrangler dev`: the page's headers
 * (from public/_headers) are served and enforced, the whole UI runs under them, and a page on
 * another origin cannot act with the signed-in user's cookie.
 */
describe.skipIf(!haveChromium)("browser security", () => {
  const stage = podkeysInChromium({ admin: true });

  /** An attacker's page, served from 127.0.0.1 on another port: another origin, but the same *site*, so the SameSite=Lax cookie still rides along. */
  let attacker: Server;
  let attackerOrigin: string;
  beforeAll(async () => {
    attacker = createServer((request, response) => {
      const target = new URL(request.url ?? "/", "http://x").searchParams.get("target") ?? "";
      response.setHeader("content-type", "text/html");
      response.end(`<form method="POST" action="${target}"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  it("serves the page with a script-src 'self' policy, no framing, nosniff and no referrer", async () => {
    // At /podkeys/, and at / too while the gateway is off.
    for (const path of ["/podkeys/", "/"]) {
      const response = await fetch(`${stage.server.origin}${path}`);
      expect(await response.text()).toContain("<title>Podkeys</title>");
      expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self';/);
      expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("runs the whole UI without a single policy violation, while the policy blocks injected script", async () => {
    const { context, page } = await newPerson(stage);
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await signIn(page, "admin");
    await expand(page, "API Keys");
    await createKeyInUi(page, '<img src=x onerror="window.pwned=1">');
    await page.getByRole("button", { name: "Done" }).click();
    await expand(page, "Users");
    await expand(page, "Password");
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);

    // The policy is really in force: injected markup cannot run script, and eval is refused.
    const injected = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.pwned = 1">');
      await new Promise((resolve) => setTimeout(resolve, 100));
      let evaluated = true;
      try {
        // An indirect eval, the kind an injected script would use.
        // biome-ignore lint/security/noGlobalEval: the test is whether the page's CSP blocks it.
        const indirectEval = globalThis.eval;
        indirectEval("1");
      } catch {
        evaluated = false;
      }
      return {
        pwned: (window as unknown as { pwned?: number }).pwned,
        evaluated,
        violations: (window as unknown as { violations: string[] }).violations.length,
      };
    });
    expect(injected).toEqual({ pwned: undefined, evaluated: false, violations: expect.any(Number) });
    expect(injected.violations).toBeGreaterThan(0);
    await context.close();
  });

  it("refuses a form another origin submits with the user's cookie, and the user stays signed in", async () => {
    const { context, page } = await newPerson(stage);
    await signIn(page, "admin");
    const target = encodeURIComponent(`${stage.server.origin}/api/auth/logout`);
    const forged = page.waitForResponse((response) => response.url().endsWith("/api/auth/logout"));
    await page.goto(`${attackerOrigin}/?target=${target}`);
    const response = await forged;
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "CSRF" } });

    await page.goto("/podkeys/");
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    await context.close();
  });
});
