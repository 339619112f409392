import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, expectError, setupAdmin } from "../helpers";
import { apiKey, clearReceived, gateway, linkedUser, received } from "./support";

// The household's one URL: with the gateway on, every path outside /api/* and /podkeys/ is Pinepods'
// web app, forwarded without credentials; its cacheable files are kept at the edge.

let bobFull: string;
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  const bob = await linkedUser(admin.cookie, "bob");
  bobFull = (await createKey(bob.cookie, "Pinepods app", { scope: "full" })).key;
});

const page = { accept: "text/html" };

describe("GET / with the gateway on", () => {
  it("is Pinepods' web app, fetched without any credential, its cookie kept at home", async () => {
    await clearReceived();
    const response = await gateway("/?api_key=podk_leaked", { headers: { ...page, ...apiKey(bobFull), cookie: "podkeys_session=abc" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("<title>Pinepods</title>");
    expect(response.headers.has("set-cookie")).toBe(false);
    // The web app brings its own page headers: not the API's `default-src 'none'`.
    expect(response.headers.has("content-security-policy")).toBe(false);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const [request] = await received();
    expect(request).toMatchObject({ method: "GET", path: "/", query: "" });
    for (const name of ["api-key", "authorization", "x-api-key", "cookie"]) expect(request!.headers[name]).toBeUndefined();
  });

  it("answers only GET and HEAD (405 otherwise), and the origin never sees the others", async () => {
    await clearReceived();
    expect((await gateway("/", { method: "HEAD" })).status).toBe(200);
    for (const method of ["POST", "PUT", "DELETE"]) {
      await expectError(await gateway("/index.html", { method, body: "x", key: bobFull }), 405, "METHOD_NOT_ALLOWED");
    }
    expect((await received()).map((r) => r.method)).toEqual(["HEAD"]);
  });

  it("never forwards /podkeys/: the settings page is Podkeys' own", async () => {
    await clearReceived();
    await gateway("/podkeys/", { headers: page });
    await gateway("/podkeys/setup?token=x", { headers: page });
    expect(await received()).toEqual([]);
  });
});

describe("the edge cache", () => {
  it("keeps the files the origin marks cacheable: a second visit never reaches home", async () => {
    await clearReceived();
    const first = await gateway("/assets/app.js");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-podkeys-cache")).toBe("miss");
    const script = await first.text();
    expect(await received()).toHaveLength(1);
    await clearReceived();
    const second = await gateway("/assets/app.js");
    expect(second.headers.get("x-podkeys-cache")).toBe("hit");
    expect(second.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await second.text()).toBe(script);
    expect(await received()).toEqual([]);
  });

  it("does not keep what the origin says not to (the page itself is no-cache)", async () => {
    await clearReceived();
    for (let i = 0; i < 2; i++) expect((await gateway("/", { headers: page })).headers.has("x-podkeys-cache")).toBe(false);
    expect(await received()).toHaveLength(2);
  });
});

describe("with the gateway off", () => {
  it("no path goes to the origin", async () => {
    await clearReceived();
    await call("/", { headers: page });
    await call("/assets/app.js");
    expect(await received()).toEqual([]);
  });
});
