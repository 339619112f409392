import { describe, expect, it } from "vitest";
import type { ApiKey } from "../api";
import { accessOf, initialAccess } from "./key-access-fields";
import { replacementOf } from "./key-replacement";

const DAY = 86_400_000;
const created = "2026-03-01T12:00:00.000Z";
const PINEPODS = ["podcasts", "playback", "feeds", "downloads", "settings", "keys"] as const;
/** The scope's shorthand, as the API answers it (`admin` only on an administrator's full key). */
const shorthand = (level: "read" | "write", admin = false): ApiKey["permissions"] => ({
  ...Object.fromEntries(PINEPODS.map((group) => [group, level])),
  ...(admin ? { admin: "write" } : {}),
});
const leaked = (expiresInDays: number | null, over: Partial<ApiKey> = {}) =>
  ({
    name: "Home Assistant",
    scope: "full",
    permissions: shorthand("write"),
    podcastIds: null,
    network: null,
    rateLimit: null,
    createdAt: created,
    expiresAt: expiresInDays === null ? null : new Date(Date.parse(created) + expiresInDays * DAY).toISOString(),
    ...over,
  }) as ApiKey;

describe("replacementOf (Create a replacement)", () => {
  it("copies the name and the expiry choice", () => {
    expect(replacementOf(leaked(90))).toMatchObject({ name: "Home Assistant", expiry: "90" });
    expect(replacementOf(leaked(null))).toMatchObject({ expiry: "never" });
    expect(replacementOf(leaked(null)).days).toBeUndefined();
  });

  it("a lifetime that was no preset becomes the same number of days, on a date", () => {
    expect(replacementOf(leaked(45))).toMatchObject({ expiry: "custom", days: 45 });
  });

  it("always Custom with exactly the key's levels: never a preset that reaches further", () => {
    // The full preset would add `admin` for an administrator; this key did not have it.
    const full = replacementOf(leaked(90)).access;
    expect(full.preset).toBe("custom");
    expect(accessOf(full)).toEqual({ permissions: shorthand("write") });
    expect(accessOf(replacementOf(leaked(90, { permissions: shorthand("write", true) })).access)).toEqual({
      permissions: shorthand("write", true),
    });
    expect(accessOf(replacementOf(leaked(90, { scope: "read", permissions: shorthand("read") })).access)).toEqual({
      permissions: shorthand("read"),
    });
  });

  it("copies the permissions, the podcasts, the network fence and the rate limit", () => {
    const key = leaked(30, {
      scope: "read",
      permissions: { podcasts: "read", playback: "write" },
      podcastIds: [11, 12],
      network: { countries: ["DE", "AT"], asns: [3320], cidrs: ["203.0.113.0/24", "2001:db8::/32"] },
      rateLimit: { requests: 10, periodSeconds: 3600 },
    });
    const access = replacementOf(key).access;
    expect(access.preset).toBe("custom");
    expect(accessOf(access)).toEqual({
      permissions: { podcasts: "read", playback: "write" },
      podcastIds: [11, 12],
      network: { countries: ["DE", "AT"], asns: [3320], cidrs: ["203.0.113.0/24", "2001:db8::/32"] },
      rateLimit: { requests: 10, periodSeconds: 3600 },
    });
  });

  it("a key without narrowing gets none: no podcasts, no fence, the limit off", () => {
    const access = replacementOf(leaked(30, { scope: "read", permissions: { feeds: "read" } })).access;
    expect(access.limit).toBe(false);
    expect(access.requests).toBe(initialAccess.requests);
    expect(accessOf(access)).toEqual({ permissions: { feeds: "read" } });
  });
});
