import { describe, expect, it } from "vitest";
import { generateKey, isWellFormedKey, keyHint, keyPattern } from "../../src/identity/key-format";
import { crc32 } from "../../src/lib/crypto";
import { config } from "../../src/platform/config";

describe("key format", () => {
  it("generates keys that match the published regex", () => {
    const pattern = /^podk_[0-9A-Za-z]{49}$/;
    for (let i = 0; i < 200; i++) {
      const key = generateKey("podk");
      expect(key).toMatch(pattern);
      expect(keyPattern("podk").source).toBe(pattern.source);
    }
  });

  it("never repeats a key", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateKey("podk")));
    expect(keys.size).toBe(1000);
  });

  it("accepts a generated key and refuses any single-character typo", () => {
    const key = generateKey("podk");
    expect(isWellFormedKey(key, "podk")).toBe(true);
    for (let i = 5; i < key.length; i++) {
      const replacement = key[i] === "a" ? "b" : "a";
      expect(isWellFormedKey(key.slice(0, i) + replacement + key.slice(i + 1), "podk")).toBe(false);
    }
  });

  it("refuses other prefixes, lengths and characters", () => {
    const key = generateKey("podk");
    expect(isWellFormedKey(key.replace("podk_", "ghp_"), "podk")).toBe(false);
    expect(isWellFormedKey(key.slice(0, -1), "podk")).toBe(false);
    expect(isWellFormedKey(`${key}A`, "podk")).toBe(false);
    expect(isWellFormedKey(key.replace(/.$/, "-"), "podk")).toBe(false);
    expect(isWellFormedKey("", "podk")).toBe(false);
  });

  it("uses the configured prefix", () => {
    const key = generateKey("pinepods");
    expect(key.startsWith("pinepods_")).toBe(true);
    expect(isWellFormedKey(key, "pinepods")).toBe(true);
    expect(isWellFormedKey(key, "podk")).toBe(false);
  });

  it("refuses an unsafe KEY_PREFIX rather than building a regex from it", () => {
    const keyPrefix = (KEY_PREFIX: string | undefined) => config({ DB: {} as D1Database, KEY_PREFIX }).keyPrefix;
    expect(keyPrefix(undefined)).toBe("podk");
    expect(() => keyPrefix("a.*")).toThrow("KEY_PREFIX must be 1–16 lowercase letters");
    expect(() => keyPrefix("Podk")).toThrow();
  });

  it("hints with the prefix and the last four characters only", () => {
    const key = generateKey("podk");
    expect(keyHint(key, "podk")).toBe(`podk_…${key.slice(-4)}`);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });
});
