import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOrigin } from "../gateway/serve-origin.mjs";
import { apiAs, newPerson, PASSWORD, podkeysInChromium, screenshot } from "./helpers";
import { appCode } from "./totp";

// The household through the door, in a real browser against a real `wrangler dev` and the stand-in
// Pinepods server on a real port: the web app's live updates (a WebSocket keyed by ?api_key=), and a
// page on another site (pinepods-lite) that signs in with two-factor, saves, sends a PUT and
// downloads an episode with fetch.

interface Received {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
}

const ORIGIN_KEY = "pp-origin-key-bob-0123456789abcdef";
const ANN_ORIGIN_KEY = "pp-origin-key-ann-fedcba9876543210";
let origin: { url: string; stop: () => Promise<void> };
let otherSite: { server: Server; url: string };
beforeAll(async () => {
  origin = await serveOrigin(0);
  // Another origin (another port): a blank page for pinepods-lite's code to run in.
  const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>lite</title>"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  otherSite = { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
});
afterAll(async () => {
  await origin?.stop();
  await new Promise((resolve) => otherSite?.server.close(resolve));
});

const stage = podkeysInChromium({ admin: true, vars: () => ({ ORIGIN_URL: origin.url }) });
const receivedByOrigin = async () => (await (await fetch(`${origin.url}/__received`)).json()) as Received[];
const clearOrigin = () => fetch(`${origin.url}/__received`, { method: "DELETE" });

let secret: string;
beforeAll(async () => {
  const admin = await apiAs(stage.server.origin, "admin");
  expect((await admin("POST", "/users", { username: "bob", password: PASSWORD, role: "user" })).status).toBe(201);
  const bob = await apiAs(stage.server.origin, "bob");
  expect((await bob("PUT", "/me/origin", { username: "bob", password: "bob's pinepods password" })).status).toBe(200);
  const enrol = await bob<{ secret: string }>("POST", "/me/two-factor");
  secret = enrol.body.secret;
  expect((await bob("POST", "/me/two-factor/confirm", { code: appCode(secret) })).status).toBe(200);
});

describe("Pinepods' web app at the edge URL", () => {
  it("its own script signs in and connects its live-updates WebSocket through the door: the origin saw its own key, the page only the edge", async () => {
    const admin = await apiAs(stage.server.origin, "admin");
    expect((await admin("POST", "/users", { username: "ann", password: PASSWORD, role: "user" })).status).toBe(201);
    const ann = await apiAs(stage.server.origin, "ann");
    expect((await ann("PUT", "/me/origin", { username: "ann", password: "ann's pinepods password" })).status).toBe(200);
    await clearOrigin();
    const { page } = await newPerson(stage);
    await page.goto("/");
    await page.getByLabel("Username").fill("ann");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    // The stand-in's `whoami` answer names the server and the user: rewritten to the edge's address on the way.
    await page.getByText(`Live updates from ${stage.server.origin} for user 8`).waitFor();
    await screenshot(page, "pinepods-web-app-live-updates");
    const requests = await receivedByOrigin();
    const socket = requests.find((request) => request.path === "/ws/api/tasks/8")!;
    expect(socket.headers.upgrade).toBe("websocket");
    expect(new URLSearchParams(socket.query).get("api_key")).toBe(ANN_ORIGIN_KEY);
    expect(JSON.stringify(requests)).not.toMatch(/podk_/);
    expect(await page.content()).not.toContain(ANN_ORIGIN_KEY);
  });
});

describe("a page on another site (pinepods-lite)", () => {
  it("signs in with two-factor, saves, sends a PUT and downloads a stream with fetch", async () => {
    await clearOrigin();
    const { page } = await newPerson(stage);
    await page.goto(otherSite.url);
    const result = await page.evaluate(
      async ({ edge, code }) => {
        let step = "get_key";
        try {
          const signIn = await fetch(`${edge}/api/data/get_key`, {
            headers: { authorization: `Basic ${btoa("bob:correct horse battery")}` },
          });
          const { mfa_required, mfa_session_token } = await signIn.json();
          const verified = await fetch(`${edge}/api/data/verify_mfa_and_get_key`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ mfa_session_token, mfa_code: code }),
          });
          step = "verified";
          const { retrieved_key: key } = await verified.json();
          step = "saved";
          const headers = { "Api-Key": key, "content-type": "application/json" };
          const saved = await fetch(`${edge}/api/data/add_podcast`, {
            method: "POST",
            headers,
            body: JSON.stringify({ podcast_values: {} }),
          });
          step = "put";
          const put = await fetch(`${edge}/api/data/increment_listen_time/7`, { method: "PUT", headers, body: "{}" });
          step = "stream";
          const stream = await fetch(`${edge}/api/data/stream/12?api_key=${key}&user_id=7`);
          const bytes = new Uint8Array(await stream.arrayBuffer());
          return {
            mfa_required,
            verified: verified.status,
            saved: saved.status,
            put: put.status,
            stream: stream.status,
            length: bytes.length,
            sample: [bytes[0], bytes[250], bytes[251], bytes[99_999]],
          };
        } catch (error) {
          return { failedAt: step, error: String(error) };
        }
      },
      { edge: stage.server.origin, code: appCode(secret, 1) },
    );
    expect(result).toEqual({
      mfa_required: true,
      verified: 200,
      saved: 200,
      put: 200,
      stream: 200,
      length: 100_000,
      sample: [0, 250, 0, 99_999 % 251],
    });
    const requests = await receivedByOrigin();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/data/add_podcast",
      "PUT /api/data/increment_listen_time/7",
      "GET /api/data/stream/12",
    ]);
    for (const request of requests) expect(request.headers["api-key"]).toBe(ORIGIN_KEY);
    expect(JSON.stringify(requests)).not.toMatch(/podk_/);
  });
});
