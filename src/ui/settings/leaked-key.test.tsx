import { describe, expect, it } from "vitest";
import type { ApiKey } from "../api";
import { replacementOf } from "./leaked-key";

const DAY = 86_400_000;
const created = "2026-03-01T12:00:00.000Z";
const leaked = (expiresInDays: number | null, over: Partial<ApiKey> = {}) =>
  ({
    name: "Home Assistant",
    scope: "full",
    createdAt: created,
    expiresAt: expiresInDays === null ? null : new Date(Date.parse(created) + expiresInDays * DAY).toISOString(),
    ...over,
  }) as ApiKey;

describe("replacementOf (Create a replacement)", () => {
  it("copies the name, the access and the expiry choice", () => {
    expect(replacementOf(leaked(90))).toEqual({ name: "Home Assistant", scope: "full", expiry: "90" });
    expect(replacementOf(leaked(null, { scope: "read" }))).toEqual({ name: "Home Assistant", scope: "read", expiry: "never" });
  });

  it("a lifetime that was no preset becomes the same number of days, on a date", () => {
    expect(replacementOf(leaked(45))).toEqual({ name: "Home Assistant", scope: "full", expiry: "custom", days: 45 });
  });
});
