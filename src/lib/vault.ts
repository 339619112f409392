import { base64url, fromBase64url, sha256Hex } from "./crypto";
import { ApiError } from "./errors";

/**
 * Small secrets at rest (a TOTP secret), sealed with AES-256-GCM under a Worker secret (VAULT_KEY).
 * - The AES key is derived from the secret with HKDF-SHA-256, one key per `purpose`, so the
 *   secret may be any long random string and values sealed for one purpose never open for another.
 * - A random 96-bit IV per value; GCM's tag makes any tampering fail to open.
 * - The sealed form names the key it was sealed under (`v1.<key id>.<iv>.<ciphertext>`, the key id
 *   being 8 hex characters of SHA-256 of the secret) so a rotation can tell old values from new.
 */
const VERSION = "v1";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Derived once per isolate (per secret and purpose), never per value: the key import, HKDF and the key id.
const keys = new Map<string, Promise<CryptoKey>>();
const keyIds = new Map<string, Promise<string>>();

export function vaultKeyId(secret: string): Promise<string> {
  let id = keyIds.get(secret);
  if (!id) keyIds.set(secret, (id = sha256Hex(`podkeys-vault-key-id:${secret}`).then((hex) => hex.slice(0, 8))));
  return id;
}

function aesKey(secret: string, purpose: string): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(`podkeys ${purpose}`) },
        material,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      );
    })();
    keys.set(cacheKey, key);
  }
  return key;
}

export async function seal(secret: string, purpose: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(secret, purpose), encoder.encode(plaintext));
  return [VERSION, await vaultKeyId(secret), base64url(iv), base64url(new Uint8Array(ciphertext))].join(".");
}

/** Throws when the value was sealed under another key, for another purpose, or altered. */
export async function unseal(secret: string, purpose: string, sealed: string): Promise<string> {
  const [version, keyId, iv, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !ciphertext) throw new Error("vault: unknown format");
  if (keyId !== (await vaultKeyId(secret))) throw new Error("vault: sealed under another key");
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64url(iv) },
    await aesKey(secret, purpose),
    fromBase64url(ciphertext),
  );
  return decoder.decode(plaintext);
}

/** The current secret, and the ones it replaced (still able to open what they sealed). */
export interface Keyring {
  current: string;
  previous: readonly string[];
}

/**
 * A sealed value that opens with no key of the ring: the deployment's VAULT_KEY changed and the old
 * one is not in VAULT_KEY_PREVIOUS. 503, never 500: nothing the caller did, and nothing a retry fixes
 * until the administrator restores the key (README: Rotating VAULT_KEY).
 */
export const vaultKeyMismatch = () =>
  new ApiError(
    "VAULT_KEY_MISMATCH",
    "A secret stored on this server was sealed with a VAULT_KEY this server no longer has. The administrator must set " +
      "that key again, as VAULT_KEY or in VAULT_KEY_PREVIOUS (README: Rotating VAULT_KEY).",
    { "Retry-After": "300" },
  );

/**
 * Opens a value with whichever key of the ring sealed it (the envelope names it); `stale` when that was
 * a previous key, so the caller re-seals it under the current one. Throws VAULT_KEY_MISMATCH when no
 * key of the ring opens it (an unknown key, another purpose, an altered value).
 */
export async function openWithKeyring(ring: Keyring, purpose: string, sealed: string): Promise<{ plaintext: string; stale: boolean }> {
  const keyId = sealed.split(".")[1];
  for (const [index, secret] of [ring.current, ...ring.previous].entries()) {
    if (keyId !== (await vaultKeyId(secret))) continue;
    try {
      return { plaintext: await unseal(secret, purpose, sealed), stale: index > 0 };
    } catch {
      break;
    }
  }
  throw vaultKeyMismatch();
}

/** Whether a sealed value was sealed under this secret (without opening it). */
export async function sealedUnder(secret: string, sealed: string): Promise<boolean> {
  return sealed.split(".")[1] === (await vaultKeyId(secret));
}
