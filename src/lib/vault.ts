import { base64url, fromBase64url, sha256Hex } from "./crypto";

/**
 * Sealing small secrets at rest (a Pinepods server's API key, a TOTP secret): AES-256-GCM on Web
 * Crypto, under a key that lives only in a Worker secret, never in D1. A leaked database then holds
 * nothing usable on its own.
 *
 * - A fresh random 96-bit IV per sealed value (NIST SP 800-38D §8.2.2: never reuse an IV under one key).
 * - Each value is bound to its context (e.g. "origin-link:7") as GCM's additional data, so a sealed
 *   value copied into another row or another purpose does not open.
 * - Envelope: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url). The key id names the key that sealed it,
 *   so keys can rotate: the secret may hold several keys, comma-separated, newest first — the first
 *   seals, any of them opens. Re-seal old values, then drop the old key.
 *
 * The secret: each key is 32 random bytes in base64url (`openssl rand -base64 32` works too), optionally
 * written `<id>:<key>`; without an id, the id is the first 8 hex digits of the key's SHA-256.
 */

export interface Sealed {
  sealed: string;
  keyId: string;
}

export interface Vault {
  seal(plaintext: string, context: string): Promise<Sealed>;
  open(sealed: string, context: string): Promise<string>;
}

export class VaultError extends Error {
  override name = "VaultError";
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const VERSION = "v1";
const IV_BYTES = 12;

interface VaultKey {
  id: string;
  key: CryptoKey;
}

// Importing a key is not free; one set per secret value per isolate.
const vaults = new Map<string, Promise<VaultKey[]>>();

async function importKeys(secret: string): Promise<VaultKey[]> {
  const entries = secret.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new VaultError("The vault key is empty.");
  return Promise.all(
    entries.map(async (entry) => {
      const colon = entry.indexOf(":");
      const encoded = colon === -1 ? entry : entry.slice(colon + 1);
      let raw: Uint8Array;
      try {
        raw = fromBase64url(encoded.replace(/=+$/, ""));
      } catch {
        throw new VaultError("A vault key is not base64.");
      }
      if (raw.byteLength !== 32) throw new VaultError("A vault key must be 32 bytes (AES-256).");
      const id = colon === -1 ? (await sha256Hex(encoded)).slice(0, 8) : entry.slice(0, colon);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new VaultError("A vault key id may hold letters, digits, - and _ only.");
      const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
      return { id, key };
    }),
  );
}

/** The vault for a secret's value (e.g. env.VAULT_KEY); throws VaultError when it is missing or malformed. */
export function openVault(secret: string | undefined): Vault {
  if (!secret?.trim()) throw new VaultError("No vault key is configured.");
  let keys = vaults.get(secret);
  if (!keys) {
    keys = importKeys(secret);
    keys.catch(() => vaults.delete(secret));
    vaults.set(secret, keys);
  }
  const loaded = keys;
  return {
    async seal(plaintext, context) {
      const [current] = await loaded;
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
        current!.key,
        encoder.encode(plaintext),
      );
      return { sealed: [VERSION, current!.id, base64url(iv), base64url(new Uint8Array(ciphertext))].join("."), keyId: current!.id };
    },
    async open(sealed, context) {
      const [version, keyId, iv, ciphertext] = sealed.split(".");
      if (version !== VERSION || !keyId || !iv || !ciphertext) throw new VaultError("Not a sealed value.");
      const match = (await loaded).find((k) => k.id === keyId);
      if (!match) throw new VaultError(`The vault key "${keyId}" that sealed this value is not configured.`);
      try {
        const plaintext = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64url(iv), additionalData: encoder.encode(context) },
          match.key,
          fromBase64url(ciphertext),
        );
        return decoder.decode(plaintext);
      } catch {
        // Wrong key, wrong context or a tampered value: GCM's tag says only "no".
        throw new VaultError("The sealed value does not open (tampered, or sealed for another context).");
      }
    },
  };
}
