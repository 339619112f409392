import { beforeAll, describe, expect, it } from "vitest";
import { createKey, expectError, rows, setupAdmin } from "../helpers";
import { apiKey, clearReceived, gateway, linkedUser, received } from "./support";

// Keys as narrow as the device, through the gateway: permissions per group, the owner's Pinepods user
// only, feed keys, network fences and rate limits — each refusal proven on both sides: the client got
// 403/429, and the stand-in origin never saw the request.

let admin: { cookie: string; id: number };
let bob: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("ann"); // ann: the administrator, linked to the origin's admin (user 8)
  await gateway("/api/me/origin", { method: "PUT", cookie: admin.cookie, json: { username: "ann", password: "ann's pinepods password" } });
  bob = await linkedUser(admin.cookie, "bob"); // origin user 7
});

/** The day's usage row of a key: accepted and refused checks. */
async function usage(keyId: number) {
  const [row] = await rows<{ valid: number; refused: number }>("SELECT valid, refused FROM key_usage_daily WHERE key_id = ?", keyId);
  return row ?? { valid: 0, refused: 0 };
}

describe("a key reaches only its owner's Pinepods user", () => {
  it("an admin's read key gets 403 for another user's return_pods, and the origin never sees it; with admin:read it answers 200", async () => {
    const readKey = (await createKey(admin.cookie, "Dashboard")).key;
    await clearReceived();
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(readKey) }), 403, "KEY_NOT_ALLOWED");
    await expectError(await gateway("/api/data/user_details_id/7", { headers: apiKey(readKey) }), 403, "KEY_NOT_ALLOWED");
    expect(await received()).toEqual([]);
    expect((await gateway("/api/data/return_pods/8", { headers: apiKey(readKey) })).status).toBe(200);

    const adminKey = (await createKey(admin.cookie, "Admin dashboard", { permissions: { podcasts: "read", admin: "read" } })).key;
    const answer = await gateway("/api/data/return_pods/7", { headers: apiKey(adminKey) });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ pods: expect.arrayContaining([expect.objectContaining({ podcastname: "bob's show" })]) });
  });

  it("also in the query and in a JSON body (nested too), for every key without admin", async () => {
    const { key } = await createKey(bob.cookie, "Phone", { scope: "full" });
    await clearReceived();
    await expectError(await gateway("/api/data/get_queued_episodes?user_id=8", { headers: apiKey(key) }), 403, "KEY_NOT_ALLOWED");
    await expectError(await gateway("/api/data/get_queued_episodes?user_id=7&user_id=8", { headers: apiKey(key) }), 403, "KEY_NOT_ALLOWED");
    await expectError(
      await gateway("/api/data/queue_pod", { method: "POST", headers: apiKey(key), json: { episode_id: 1, user_id: 8 } }),
      403,
      "KEY_NOT_ALLOWED",
    );
    await expectError(
      await gateway("/api/data/queue_pod", { method: "POST", headers: apiKey(key), json: { episodes: [{ user_id: 8 }], user_id: 7 } }),
      403,
      "KEY_NOT_ALLOWED",
    );
    expect(await received()).toEqual([]);
    expect((await gateway("/api/data/get_queued_episodes?user_id=7", { headers: apiKey(key) })).status).toBe(200);
    const queued = await gateway("/api/data/queue_pod", { method: "POST", headers: apiKey(key), json: { episode_id: 1, user_id: 7 } });
    expect(queued.status).toBe(200);
    // The body it read to check is the body that went on.
    expect((await received()).at(-1)?.body).toBe(JSON.stringify({ episode_id: 1, user_id: 7 }));
  });

  it("refuses a JSON body too large to check (413) rather than let it pass unread", async () => {
    const { key } = await createKey(bob.cookie, "Importer", { scope: "full" });
    await clearReceived();
    const body = JSON.stringify({ user_id: 7, podcasts: "x".repeat(1024 * 1024) });
    await expectError(
      await gateway("/api/data/import_opml", { method: "POST", headers: { ...apiKey(key), "content-type": "application/json" }, body }),
      413,
    );
    expect(await received()).toEqual([]);
  });
});

describe("permissions per group", () => {
  let key: string;
  let keyId: number;
  beforeAll(async () => {
    const created = await createKey(bob.cookie, "Speaker", { permissions: { playback: "write", podcasts: "read" } });
    key = created.key;
    keyId = created.apiKey.id;
  });

  it("reads podcasts and writes playback", async () => {
    expect((await gateway("/api/data/return_pods/7", { headers: apiKey(key) })).status).toBe(200);
    expect((await gateway("/api/data/increment_listen_time/7", { method: "PUT", headers: apiKey(key) })).status).toBe(200);
  });

  it("add_podcast, refresh_pods (a GET that changes things), the feed and admin routes are 403 and never reach the origin", async () => {
    const before = await usage(keyId);
    await clearReceived();
    const refusals = [
      gateway("/api/data/add_podcast", { method: "POST", headers: apiKey(key), json: { podcast_values: {}, user_id: 7 } }),
      gateway("/api/data/refresh_pods", { headers: apiKey(key) }),
      gateway("/api/feed/7", { headers: apiKey(key) }),
      gateway("/api/data/get_user_info", { headers: apiKey(key) }),
      gateway("/api/data/add_user", { method: "POST", headers: apiKey(key), json: {} }),
      gateway("/api/data/user/delete/8", { method: "DELETE", headers: apiKey(key) }),
      // Not in Pinepods' route table: every group at write needed.
      gateway("/api/data/something_new", { headers: apiKey(key) }),
    ];
    for (const response of await Promise.all(refusals)) await expectError(response, 403, "INSUFFICIENT_SCOPE");
    expect(await received()).toEqual([]);
    // Counted as refused uses of the key, not audited one by one.
    const after = await usage(keyId);
    expect(after.refused - before.refused).toBe(refusals.length);
    expect(after.valid).toBe(before.valid);
  });

  it("a full key still reaches what the map says a full key may, and an admin's full key the admin routes", async () => {
    const full = (await createKey(bob.cookie, "Pinepods app", { scope: "full" })).key;
    expect((await gateway("/api/data/add_podcast", { method: "POST", headers: apiKey(full), json: { user_id: 7 } })).status).toBe(200);
    await expectError(await gateway("/api/data/get_user_info", { headers: apiKey(full) }), 403, "INSUFFICIENT_SCOPE");
    const annFull = (await createKey(admin.cookie, "Pinepods admin", { scope: "full" })).key;
    expect((await gateway("/api/data/get_user_info", { headers: apiKey(annFull) })).status).toBe(200);
    expect((await gateway("/api/data/user/delete/7", { method: "DELETE", headers: apiKey(annFull) })).status).toBe(200);
  });
});

describe("feed keys", () => {
  let feedKey: string;
  beforeAll(async () => {
    feedKey = (await createKey(bob.cookie, "RSS reader", { permissions: { feeds: "read" }, podcastIds: [11] })).key;
  });

  it("answers the feed of its podcast", async () => {
    const feed = await gateway(`/api/feed/7?api_key=${feedKey}&podcast_id=11`);
    expect(feed.status).toBe(200);
    const xml = await feed.text();
    expect(xml).toContain("podcast-11-episode-1");
    expect(xml).not.toContain("podcast-12");
  });

  it("another podcast, or no podcast_id (the whole feed), is 403; so is return_pods; none reach the origin", async () => {
    await clearReceived();
    await expectError(await gateway(`/api/feed/7?api_key=${feedKey}&podcast_id=12`), 403, "KEY_NOT_ALLOWED");
    await expectError(await gateway(`/api/feed/7?api_key=${feedKey}&podcast_id=11&podcast_id=12`), 403, "KEY_NOT_ALLOWED");
    await expectError(await gateway(`/api/feed/7?api_key=${feedKey}`), 403, "KEY_NOT_ALLOWED");
    await expectError(await gateway(`/api/feed/8?api_key=${feedKey}&podcast_id=11`), 403, "KEY_NOT_ALLOWED");
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(feedKey) }), 403, "INSUFFICIENT_SCOPE");
    expect(await received()).toEqual([]);
  });

  it("with podcasts:read too, a podcast route must name one of its podcasts", async () => {
    const key = (await createKey(bob.cookie, "Calendar", { permissions: { feeds: "read", podcasts: "read" }, podcastIds: [11, 12] })).key;
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(key) }), 403, "KEY_NOT_ALLOWED");
    await expectError(
      await gateway("/api/data/get_podcast_details?podcast_id=13&user_id=7", { headers: apiKey(key) }),
      403,
      "KEY_NOT_ALLOWED",
    );
    // Allowed at the edge (the stand-in does not serve the route: its own 404 comes back).
    expect((await gateway("/api/data/get_podcast_details?podcast_id=12&user_id=7", { headers: apiKey(key) })).status).toBe(404);
  });
});

describe("network fences", () => {
  it("a key fenced to CIDR ranges: outside → 403 KEY_NETWORK_REFUSED (counted as refused), inside → 200", async () => {
    const { key, apiKey: listed } = await createKey(bob.cookie, "Home only", {
      scope: "read",
      network: { cidrs: ["203.0.113.0/24", "2001:db8::/32"] },
    });
    await clearReceived();
    const from = (ip: string) => gateway("/api/data/return_pods/7", { headers: { ...apiKey(key), "cf-connecting-ip": ip } });
    await expectError(await from("198.51.100.7"), 403, "KEY_NETWORK_REFUSED");
    await expectError(await from("2001:db9::1"), 403, "KEY_NETWORK_REFUSED");
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKey(key) }), 403, "KEY_NETWORK_REFUSED");
    expect(await received()).toEqual([]);
    expect((await from("203.0.113.200")).status).toBe(200);
    expect((await from("2001:db8:1234::5")).status).toBe(200);
    expect(await usage(listed.id)).toEqual({ valid: 2, refused: 3 });
  });

  it("holds on Podkeys' own endpoints as well", async () => {
    const { key } = await createKey(bob.cookie, "Fenced", { network: { cidrs: ["203.0.113.0/24"] } });
    await expectError(await gateway("/api/me", { key }), 403, "KEY_NETWORK_REFUSED");
    await expectError(await gateway("/api/keys", { key }), 403, "KEY_NETWORK_REFUSED");
    expect((await gateway("/api/me", { key, headers: { "cf-connecting-ip": "203.0.113.9" } })).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("a key limited to 5 requests per 60 s: the 6th → 429 with Retry-After; the origin saw 5", async () => {
    const { key, apiKey: listed } = await createKey(bob.cookie, "Widget", { rateLimit: { requests: 5, periodSeconds: 60 } });
    await clearReceived();
    for (let i = 0; i < 5; i++) expect((await gateway("/api/data/return_pods/7", { headers: apiKey(key) })).status).toBe(200);
    const sixth = await gateway("/api/data/return_pods/7", { headers: apiKey(key) });
    await expectError(sixth, 429, "RATE_LIMITED");
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await received()).length).toBe(5);
    expect(await usage(listed.id)).toEqual({ valid: 5, refused: 1 });
    // The limit is the key's, on Podkeys' own endpoints too.
    await expectError(await gateway("/api/me", { key }), 429, "RATE_LIMITED");
  });

  it("another key of the same owner has its own count", async () => {
    const first = (await createKey(bob.cookie, "Tight", { rateLimit: { requests: 1, periodSeconds: 60 } })).key;
    const second = (await createKey(bob.cookie, "Tight too", { rateLimit: { requests: 1, periodSeconds: 60 } })).key;
    expect((await gateway("/api/me", { key: first })).status).toBe(200);
    await expectError(await gateway("/api/me", { key: first }), 429, "RATE_LIMITED");
    expect((await gateway("/api/me", { key: second })).status).toBe(200);
  });
});
