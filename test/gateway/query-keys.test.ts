import { beforeAll, describe, expect, it } from "vitest";
import { createKey, expectError, ORIGIN, setupAdmin } from "../helpers";
import { APP, apiKey, clearReceived, EPISODE, gateway, linkedUser, ORIGIN_USERS, received } from "./support";

// Pinepods' query-key routes through the door: the key in `?api_key=` is a Podkeys key, checked at
// the edge and swapped for the owner's origin key; anywhere else a key in the URL is refused and stripped.

let bob: { cookie: string; id: number };
let bobRead: string;
let bobFull: string;
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  bob = await linkedUser(admin.cookie, "bob");
  bobRead = (await createKey(bob.cookie, "podcast app")).key;
  bobFull = (await createKey(bob.cookie, "web app", { scope: "full" })).key;
});

/** The origin saw bob's origin key in api_key and no Podkeys key anywhere. */
function expectOriginKeyInQuery(request: { query: string } | undefined) {
  expect(new URLSearchParams(request!.query).get("api_key")).toBe(ORIGIN_USERS.bob.key);
  expect(JSON.stringify(request)).not.toMatch(/podk_/);
}

describe("GET /api/episodes/{id}/download?api_key=", () => {
  it("answers the file, the origin called with bob's origin key", async () => {
    await clearReceived();
    const response = await gateway(`/api/episodes/12/download?api_key=${bobRead}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(EPISODE);
    expectOriginKeyInQuery((await received())[0]);
  });

  it("refuses a bad key (401) and a non-numeric episode id stretches nothing (401, never forwarded)", async () => {
    await clearReceived();
    await expectError(await gateway("/api/episodes/12/download?api_key=podk_nope"), 401, "INVALID_KEY");
    await expectError(await gateway(`/api/episodes/..%2Ffeed%2F7/download?api_key=${bobRead}`), 401, "UNAUTHENTICATED");
    expect(await received()).toEqual([]);
  });
});

describe("GET /api/feed/{user_id}?api_key=", () => {
  it("answers RSS whose enclosures point at the edge with the presented key, and one plays through the door (206)", async () => {
    await clearReceived();
    const response = await gateway(`/api/feed/7?api_key=${bobRead}&limit=30`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml");
    const rss = await response.text();
    expectOriginKeyInQuery((await received())[0]);
    const enclosures = [...rss.matchAll(/<enclosure url="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
    expect(enclosures).toHaveLength(30);
    for (const url of enclosures) expect(url).toMatch(new RegExp(`^${ORIGIN}/api/data/stream/\\d+\\?api_key=${bobRead}&user_id=7$`));
    expect(rss).toContain(`<link>${ORIGIN}</link>`);

    const episode = await gateway(enclosures[3]!.slice(ORIGIN.length), { headers: { range: "bytes=0-99" } });
    expect(episode.status).toBe(206);
    expect(new Uint8Array(await episode.arrayBuffer())).toEqual(EPISODE.slice(0, 100));
  });

  it("refuses the feed without a key or with a bad one, before the origin", async () => {
    await clearReceived();
    await expectError(await gateway("/api/feed/7"), 401, "UNAUTHENTICATED");
    await expectError(await gateway("/api/feed/7?api_key=podk_nope"), 401, "INVALID_KEY");
    expect(await received()).toEqual([]);
  });
});

describe("a key in the URL anywhere else", () => {
  it("is refused (401) and never forwarded", async () => {
    await clearReceived();
    await expectError(await gateway(`/api/data/return_pods/7?api_key=${bobRead}`), 401, "UNAUTHENTICATED");
    await expectError(await gateway(`/api/data/return_pods/7?key=${bobRead}`), 401, "UNAUTHENTICATED");
    expect(await received()).toEqual([]);
  });

  it("is stripped whatever the parameter's name, when a header key authenticates the request", async () => {
    await clearReceived();
    const path = `/api/data/return_pods/7?token=${bobFull}&api_key=${bobRead}&${bobRead}=1&keep=yes`;
    expect((await gateway(path, { headers: apiKey(bobFull) })).status).toBe(200);
    const [request] = await received();
    expect(request!.query).toBe("?keep=yes");
    expect(JSON.stringify(request)).not.toMatch(/podk_/);
  });

  it("on a query-key route, a header key and a different api_key are refused (400)", async () => {
    await clearReceived();
    await expectError(await gateway(`/api/data/stream/12?api_key=${bobRead}`, { headers: apiKey(bobFull) }), 400, "BAD_REQUEST");
    expect(await received()).toEqual([]);
  });
});

describe("browsers on other sites", () => {
  it("a stream with ?api_key= answers with Access-Control-Allow-Origin, never Allow-Credentials", async () => {
    const response = await gateway(`/api/data/stream/12?api_key=${bobRead}&user_id=7`, { headers: { origin: APP } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("vary")).toMatch(/origin/i);
    expect(response.headers.has("access-control-allow-credentials")).toBe(false);
    await response.arrayBuffer();
  });

  it("a refused query key's 401 is readable too, so the page sees why rather than a network error", async () => {
    const response = await gateway("/api/data/stream/12?api_key=podk_nope", { headers: { origin: APP } });
    await expectError(response.clone(), 401, "INVALID_KEY");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.has("access-control-allow-credentials")).toBe(false);
  });
});
