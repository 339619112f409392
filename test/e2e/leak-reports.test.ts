import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import githubKeysStandIn from "../stand-ins/github-keys.js";
import ntfyStandIn from "../stand-ins/ntfy.js";
import { serveWorker } from "../stand-ins/serve.mjs";
import { apiAs, callWithKey, setupAdminViaApi } from "./helpers";
import { type Podkeys, startPodkeys } from "./podkeys-server";

// The "done when", from outside: a real `wrangler dev` (as `npm start` runs it) with the key cache
// on, GITHUB_SCANNING_KEYS_URL pointing at a local key server and an allowed local ntfy, both on real ports.

let keys: { url: string; stop: () => Promise<void> };
let ntfy: { url: string; stop: () => Promise<void> };
let podkeys: Podkeys;
const github = generateKeyPairSync("ec", { namedCurve: "P-256" });
const IDENTIFIER = "e2e-github-key-1";

beforeAll(async () => {
  [keys, ntfy] = await Promise.all([serveWorker(githubKeysStandIn, 0), serveWorker(ntfyStandIn, 0)]);
  await fetch(`${keys.url}/keys`, {
    method: "PUT",
    body: JSON.stringify({
      public_keys: [{ key_identifier: IDENTIFIER, key: github.publicKey.export({ type: "spki", format: "pem" }), is_current: true }],
    }),
  });
  podkeys = await startPodkeys(inject("d1Template"), {
    GITHUB_SCANNING_KEYS_URL: `${keys.url}/keys`,
    NOTIFY_ALLOWED_HOSTS: `ntfy.sh,${ntfy.url}`,
    KEY_CACHE_TTL_SECONDS: "300",
  });
  await setupAdminViaApi(podkeys.origin);
});
afterAll(async () => {
  await podkeys?.stop();
  await Promise.all([keys?.stop(), ntfy?.stop()]);
});

/** GitHub's alert, signed as GitHub signs it: ECDSA P-256 / SHA-256, DER, base64. */
function postAlert(alerts: object[], privateKey = github.privateKey, identifier = IDENTIFIER) {
  const body = JSON.stringify(alerts);
  const signature = sign("sha256", Buffer.from(body), { key: privateKey, dsaEncoding: "der" }).toString("base64");
  return fetch(`${podkeys.origin}/api/leaks/github`, {
    method: "POST",
    headers: { "content-type": "application/json", "github-public-key-identifier": identifier, "github-public-key-signature": signature },
    body,
  });
}

describe("a leaked key, end to end against wrangler dev", () => {
  it("a correctly signed alert revokes a live key at once (cache on), and the owner's ntfy topic hears of it once", async () => {
    const api = await apiAs(podkeys.origin, "admin");
    expect((await api("PUT", "/me/notifications", { ntfyUrl: `${ntfy.url}/owner`, events: ["key_leaked"] })).status).toBe(200);
    const { body: created } = await api<{ key: string; apiKey: { id: number; hint: string } }>("POST", "/keys", {
      name: "HA config",
      scope: "full",
    });
    expect((await callWithKey(podkeys.origin, created.key)).status).toBe(200); // cached now

    const url = "https://github.com/someone/dotfiles/blob/main/.env";
    const wrong = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    expect((await postAlert([{ token: created.key, type: "podkeys_api_key", url, source: "content" }], wrong)).status).toBe(401);
    expect((await postAlert([{ token: created.key, type: "podkeys_api_key", url, source: "content" }], wrong, "unknown-id")).status).toBe(
      401,
    );
    expect((await callWithKey(podkeys.origin, created.key)).status).toBe(200);

    const response = await postAlert([{ token: created.key, type: "podkeys_api_key", url, source: "content" }]);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { label: string }[])[0]?.label).toBe("true_positive");
    expect((await callWithKey(podkeys.origin, created.key)).body.error.code).toBe("KEY_LEAKED");
    const verify = await fetch(`${podkeys.origin}/api/keys/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: created.key }),
    });
    expect(await verify.json()).toEqual({ valid: false, code: "LEAKED" });
    expect((await api("PATCH", `/keys/${created.apiKey.id}`, { enabled: true })).status).toBe(409);
    const { body: list } = await api<{ keys: { id: number; leak: { url: string } | null }[] }>("GET", "/keys");
    expect(list.keys.find((k) => k.id === created.apiKey.id)?.leak?.url).toBe(url);

    let messages: { message: string }[] = [];
    await expect
      .poll(async () => (messages = await (await fetch(`${ntfy.url}/owner/__received`)).json()).length, { timeout: 10_000 })
      .toBe(1);
    expect(messages[0]?.message).toContain("HA config");
    expect(messages[0]?.message).toContain(created.apiKey.hint);
    expect(JSON.stringify(messages)).not.toContain(created.key);
  });
});
