import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, createKey, createUser, expectError, ORIGIN, rows, setupAdmin } from "../helpers";

// The key model's narrowing: permissions per group (scope as shorthand), feed podcasts, network fences
// and rate limits — stored, listed, inherited by a roll, answered by verify, audited at creation, and
// enforced on Podkeys' own key management (the `keys` group).

let admin: { cookie: string; id: number };
let kim: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin("admin");
  kim = await createUser(admin.cookie, "kim");
});

describe("POST /api/keys with permissions", () => {
  it("stores and lists the permissions, podcasts, fence and limit; the scope column follows", async () => {
    const narrowing = {
      permissions: { playback: "write", podcasts: "read" } as const,
      podcastIds: [11, 12],
      network: { countries: ["DE"], asns: [3320], cidrs: ["203.0.113.0/24", "2001:db8::/32"] },
      rateLimit: { requests: 60, periodSeconds: 60 },
    };
    const created = await createKey(kim.cookie, "Speaker", narrowing);
    expect(created.apiKey).toMatchObject({ ...narrowing, scope: "read", permissions: { podcasts: "read", playback: "write" } });
    const listed = await (await call("/api/keys", { cookie: kim.cookie })).json<{ keys: { id: number }[] }>();
    expect(listed.keys.find((key) => key.id === created.apiKey.id)).toMatchObject(narrowing);
  });

  it("scope stays a shorthand: read is every Pinepods group at read (and keys:read), full every group at write; admin only for admins", async () => {
    const read = await createKey(kim.cookie, "Read");
    expect(read.apiKey.permissions).toEqual({
      podcasts: "read",
      playback: "read",
      feeds: "read",
      downloads: "read",
      settings: "read",
      keys: "read",
    });
    expect(read.apiKey).toMatchObject({ podcastIds: null, network: null, rateLimit: null });
    const full = await createKey(kim.cookie, "Full", { scope: "full" });
    expect(full.apiKey.permissions).toEqual({
      podcasts: "write",
      playback: "write",
      feeds: "write",
      downloads: "write",
      settings: "write",
      keys: "write",
    });
    expect((await createKey(admin.cookie, "Admin full", { scope: "full" })).apiKey.permissions.admin).toBe("write");
  });

  it("refuses admin for a standard user's key, no group at all, unknown groups and levels, and bad fences or limits", async () => {
    const refused = [
      { permissions: { admin: "read" } },
      { permissions: {} },
      { permissions: { everything: "write" } },
      { permissions: { podcasts: "all" } },
      { network: {} },
      { network: { cidrs: ["203.0.113.0/33"] } },
      { network: { cidrs: ["not an address"] } },
      { network: { countries: ["Germany"] } },
      { rateLimit: { requests: 0, periodSeconds: 60 } },
      { podcastIds: [] },
    ];
    for (const body of refused) {
      const response = await call("/api/keys", { method: "POST", cookie: kim.cookie, json: { name: "Bad", ...body } });
      await expectError(response, 400);
    }
  });

  it("puts the permissions, fence and limit in the key.created event", async () => {
    const created = await createKey(kim.cookie, "Audited", {
      permissions: { feeds: "read" },
      podcastIds: [11],
      network: { countries: ["DE"], asns: [3320], cidrs: ["203.0.113.0/24"] },
      rateLimit: { requests: 5, periodSeconds: 60 },
    });
    const [event] = await rows<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE type = 'key.created' AND target_id = ?",
      created.apiKey.id,
    );
    expect(event?.detail).toContain("permissions=feeds:r");
    expect(event?.detail).toContain("podcastIds=11");
    expect(event?.detail).toContain("network=DE,AS3320,203.0.113.0/24");
    expect(event?.detail).toContain("rateLimit=5/60s");
  });
});

describe("roll, verify", () => {
  it("a rolled key inherits everything that narrows the old one", async () => {
    const narrowing = {
      permissions: { feeds: "read" } as const,
      podcastIds: [11],
      network: { cidrs: ["203.0.113.0/24"] },
      rateLimit: { requests: 5, periodSeconds: 60 },
    };
    const old = await createKey(kim.cookie, "To roll", narrowing);
    const rolled = await call(`/api/keys/${old.apiKey.id}/roll`, { method: "POST", cookie: kim.cookie, json: { graceSeconds: 0 } });
    expect(rolled.status).toBe(201);
    expect((await rolled.json<{ apiKey: unknown }>()).apiKey).toMatchObject(narrowing);
  });

  it("a renewed key (a roll with expiresAt) keeps everything that narrows the old one and takes the new expiry", async () => {
    const narrowing = {
      permissions: { podcasts: "write", playback: "write" } as const,
      podcastIds: [12],
      network: { countries: ["DE"] },
      rateLimit: { requests: 7, periodSeconds: 60 },
    };
    const old = await createKey(kim.cookie, "To renew", narrowing);
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const renewed = await call(`/api/keys/${old.apiKey.id}/roll`, {
      method: "POST",
      cookie: kim.cookie,
      json: { graceSeconds: 0, expiresAt },
    });
    expect(renewed.status).toBe(201);
    expect((await renewed.json<{ apiKey: unknown }>()).apiKey).toMatchObject({ ...narrowing, expiresAt });
  });

  it("POST /api/keys/verify answers the permissions, podcasts, fence and limit", async () => {
    const { key } = await createKey(kim.cookie, "Verified", { permissions: { podcasts: "read" }, network: { countries: ["DE"] } });
    const answer = await (await call("/api/keys/verify", { method: "POST", json: { key } })).json();
    expect(answer).toMatchObject({
      valid: true,
      scope: "read",
      permissions: { podcasts: "read" },
      podcastIds: null,
      network: { countries: ["DE"] },
      rateLimit: null,
    });
  });
});

describe("the keys group on Podkeys' own key management", () => {
  it("a key without keys may not list keys; keys:read lists but does not create; keys:write creates within its own permissions", async () => {
    const none = (await createKey(kim.cookie, "No keys", { permissions: { podcasts: "read" } })).key;
    await expectError(await call("/api/keys", { key: none }), 403, "INSUFFICIENT_SCOPE");
    await expectError(await call("/api/audit", { key: none }), 403, "INSUFFICIENT_SCOPE");
    expect((await call("/api/me", { key: none })).status).toBe(200);

    const reader = (await createKey(kim.cookie, "Keys reader", { permissions: { keys: "read" } })).key;
    expect((await call("/api/keys", { key: reader })).status).toBe(200);
    await expectError(await call("/api/keys", { method: "POST", key: reader, json: { name: "x", permissions: { keys: "read" } } }), 403);

    const writer = (await createKey(kim.cookie, "Keys writer", { permissions: { keys: "write", podcasts: "read" } })).key;
    const made = await call("/api/keys", {
      method: "POST",
      key: writer,
      json: { name: "Made by a key", permissions: { podcasts: "read" } },
    });
    expect(made.status).toBe(201);
    const broader = await call("/api/keys", { method: "POST", key: writer, json: { name: "Broader", permissions: { podcasts: "write" } } });
    await expectError(broader, 403, "INSUFFICIENT_SCOPE");
    // The read shorthand holds every Pinepods group at read: more than this key has.
    await expectError(await call("/api/keys", { method: "POST", key: writer, json: { name: "Shorthand" } }), 403, "INSUFFICIENT_SCOPE");
  });

  it("a key narrowed by a fence, a limit or podcasts makes no keys", async () => {
    const fenced = (await createKey(kim.cookie, "Fenced writer", { scope: "full", rateLimit: { requests: 100, periodSeconds: 60 } })).key;
    await expectError(
      await call("/api/keys", { method: "POST", key: fenced, json: { name: "Escape", permissions: { podcasts: "read" } } }),
      403,
      "INSUFFICIENT_SCOPE",
    );
  });

  it("an admin's key acts admin-wide only with the admin group", async () => {
    const read = (await createKey(admin.cookie, "Admin read")).key;
    await expectError(await call(`/api/keys?userId=${kim.id}`, { key: read }), 403, "FORBIDDEN");
    const withAdmin = (await createKey(admin.cookie, "Admin keys", { permissions: { keys: "read", admin: "read" } })).key;
    expect((await call(`/api/keys?userId=${kim.id}`, { key: withAdmin })).status).toBe(200);
  });
});

describe("network fences by country and ASN", () => {
  /** The Worker's fetch with Cloudflare's request.cf, as the edge sets it. */
  async function fromPlace(key: string, cf: { country?: string; asn?: number }) {
    const ctx = createExecutionContext();
    const request = new Request(`${ORIGIN}/api/me`, { headers: { authorization: `Bearer ${key}` }, cf });
    const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("any one match is enough: the country, or the ASN", async () => {
    const { key } = await createKey(kim.cookie, "At home", { network: { countries: ["DE"], asns: [3320] } });
    expect((await fromPlace(key, { country: "DE", asn: 1 })).status).toBe(200);
    expect((await fromPlace(key, { country: "FR", asn: 3320 })).status).toBe(200);
    await expectError(await fromPlace(key, { country: "FR", asn: 1 }), 403, "KEY_NETWORK_REFUSED");
  });
});
