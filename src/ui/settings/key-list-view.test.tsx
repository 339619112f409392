import { describe, expect, it } from "vitest";
import type { ApiKey } from "../api";
import { groupRolled, matchesSearch, nextSort, sortKeys } from "./key-list-view";

const key = (id: number, over: Partial<ApiKey> = {}): ApiKey => ({
  id,
  name: `Key ${id}`,
  scope: "read",
  kind: "settings",
  enabled: true,
  expiresAt: null,
  hint: `podk_…${id}abc`,
  createdAt: new Date(Date.UTC(2026, 0, id)).toISOString(),
  lastUsedAt: null,
  lastUsedCountry: null,
  owner: { id: 1, username: "bob" },
  note: null,
  replacedById: null,
  permissions: { podcasts: "read", playback: "read", feeds: "read", downloads: "read", settings: "read", keys: "read" },
  podcastIds: null,
  network: null,
  rateLimit: null,
  leak: null,
  ...over,
});

const ids = (keys: ApiKey[]) => keys.map((each) => each.id);

describe("the key list's search, sort and grouping", () => {
  it("searches names, hints and owners, ignoring case and accents", () => {
    const kodi = key(1, { name: "Kodi living room" });
    const cafe = key(2, { name: "Café tablet", owner: { id: 2, username: "Alice" } });
    expect(matchesSearch(kodi, "KODI")).toBe(true);
    expect(matchesSearch(cafe, "cafe")).toBe(true);
    expect(matchesSearch(cafe, "alice")).toBe(true);
    expect(matchesSearch(kodi, "1abc")).toBe(true);
    expect(matchesSearch(kodi, "phone")).toBe(false);
    expect(matchesSearch(kodi, "  ")).toBe(true);
  });

  it("sorts by name A→Z first, by expiry soonest first with never-expiring keys last, and by use most recent first", () => {
    const keys = [
      key(1, { name: "b", expiresAt: null, lastUsedAt: "2026-02-01T00:00:00Z" }),
      key(2, { name: "A", expiresAt: "2026-05-01T00:00:00Z", lastUsedAt: null }),
      key(3, { name: "c", expiresAt: "2026-03-01T00:00:00Z", lastUsedAt: "2026-02-03T00:00:00Z" }),
    ];
    expect(ids(sortKeys(keys, nextSort({ column: "created", direction: "descending" }, "name")))).toEqual([2, 1, 3]);
    expect(ids(sortKeys(keys, nextSort({ column: "created", direction: "descending" }, "expires")))).toEqual([3, 2, 1]);
    expect(ids(sortKeys(keys, nextSort({ column: "created", direction: "descending" }, "lastUsed")))).toEqual([3, 1, 2]);
    expect(nextSort({ column: "name", direction: "ascending" }, "name")).toEqual({ column: "name", direction: "descending" });
  });

  it("puts the old key of a roll right under its successor, whatever the order", () => {
    const keys = [key(5, { replacedById: 7 }), key(6), key(7), key(4, { replacedById: 99 })];
    expect(ids(groupRolled(keys))).toEqual([6, 7, 5, 4]);
  });
});
