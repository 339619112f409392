import { describe, expect, it } from "vitest";
import { base64url, randomBytes } from "../../src/lib/crypto";
import { openVault, VaultError } from "../../src/lib/vault";

const newKey = () => base64url(randomBytes(32));

describe("the vault (AES-256-GCM under VAULT_KEY)", () => {
  it("opens what it sealed, and never shows the plaintext in the envelope", async () => {
    const vault = openVault(newKey());
    const { sealed, keyId } = await vault.seal("pinepods-origin-key-123", "origin-link:1");
    expect(sealed).toMatch(new RegExp(`^v1\\.${keyId}\\.[\\w-]{16}\\.[\\w-]+$`));
    expect(sealed).not.toContain("pinepods-origin-key");
    expect(await vault.open(sealed, "origin-link:1")).toBe("pinepods-origin-key-123");
  });

  it("uses a fresh IV for every value: the same secret seals differently each time", async () => {
    const vault = openVault(newKey());
    const a = await vault.seal("same", "ctx");
    const b = await vault.seal("same", "ctx");
    expect(a.sealed.split(".")[2]).not.toBe(b.sealed.split(".")[2]);
    expect(a.sealed).not.toBe(b.sealed);
  });

  it("refuses a value moved to another context, tampered with, or sealed under another key", async () => {
    const vault = openVault(newKey());
    const { sealed } = await vault.seal("secret", "origin-link:1");
    await expect(vault.open(sealed, "origin-link:2")).rejects.toBeInstanceOf(VaultError);
    const parts = sealed.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    await expect(vault.open([...parts.slice(0, 3), flipped].join("."), "origin-link:1")).rejects.toBeInstanceOf(VaultError);
    await expect(openVault(newKey()).open(sealed, "origin-link:1")).rejects.toBeInstanceOf(VaultError);
  });

  it("rotates: a new key first seals, the old one still opens what it sealed", async () => {
    const oldKey = newKey();
    const before = await openVault(oldKey).seal("secret", "ctx");
    const rotated = openVault(`${newKey()},${oldKey}`);
    expect(await rotated.open(before.sealed, "ctx")).toBe("secret");
    const after = await rotated.seal("secret", "ctx");
    expect(after.keyId).not.toBe(before.keyId);
  });

  it("refuses a missing, short or malformed key", async () => {
    expect(() => openVault(undefined)).toThrow(VaultError);
    await expect(openVault(base64url(randomBytes(16))).seal("x", "c")).rejects.toBeInstanceOf(VaultError);
    await expect(openVault("not base64 !!").seal("x", "c")).rejects.toBeInstanceOf(VaultError);
  });
});
