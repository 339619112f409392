import { fromBase64 } from "../../lib/crypto";
import { serviceUnavailable } from "../../lib/errors";

/**
 * GitHub signs each secret-scanning alert: `Github-Public-Key-Signature` is an ECDSA P-256 / SHA-256
 * signature of the raw body, base64 of its DER encoding, made with the key named by
 * `Github-Public-Key-Identifier`, one of those GitHub publishes at GITHUB_SCANNING_KEYS_URL
 * (https://docs.github.com/en/code-security/secret-scanning/secret-scanning-partnership-program/secret-scanning-partner-program).
 *
 * The published keys are cached per URL in the isolate and fetched again only when an alert names an
 * identifier the cache does not know (GitHub rotates keys by adding one); concurrent misses share one
 * fetch. An unknown identifier still unknown after that fetch is refused; the route counts refusals
 * against the address's failed-check limit, so made-up identifiers cannot make the Worker fetch at will.
 */

interface PublishedKeys {
  public_keys?: { key_identifier?: unknown; key?: unknown }[];
}

const cached = new Map<string, Map<string, CryptoKey>>();
const pending = new Map<string, Promise<Map<string, CryptoKey>>>();
const KEY_SERVER_RETRY_AFTER_SECONDS = 30;

async function importPem(pem: string): Promise<CryptoKey> {
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
  return crypto.subtle.importKey("spki", fromBase64(base64), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
}

async function fetchKeys(url: string): Promise<Map<string, CryptoKey>> {
  let published: PublishedKeys;
  try {
    const response = await fetch(url, {
      headers: { accept: "application/json", "user-agent": "podkeys" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`key server answered ${response.status}`);
    published = await response.json();
  } catch (error) {
    // GitHub retries an alert that was not accepted; better than refusing a real one as badly signed.
    throw serviceUnavailable("GitHub's signing keys cannot be fetched right now.", KEY_SERVER_RETRY_AFTER_SECONDS, error);
  }
  const keys = new Map<string, CryptoKey>();
  for (const entry of published.public_keys ?? []) {
    if (typeof entry.key_identifier !== "string" || typeof entry.key !== "string") continue;
    try {
      keys.set(entry.key_identifier, await importPem(entry.key));
    } catch {
      // One unreadable key does not take the others down.
    }
  }
  cached.set(url, keys);
  return keys;
}

async function signingKey(url: string, identifier: string): Promise<CryptoKey | undefined> {
  const known = cached.get(url)?.get(identifier);
  if (known) return known;
  let refresh = pending.get(url);
  if (!refresh) {
    refresh = fetchKeys(url).finally(() => pending.delete(url));
    pending.set(url, refresh);
  }
  return (await refresh).get(identifier);
}

/**
 * DER `SEQUENCE { INTEGER r, INTEGER s }` → the 64-byte r‖s Web Crypto verifies (IEEE P1363).
 * Strict: anything else is not a signature (undefined).
 */
export function derToRawSignature(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(64);
  let offset = 2;
  for (const half of [0, 32]) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1]!;
    const start = offset + 2;
    if (length < 1 || length > 33 || start + length > der.length) return undefined;
    let integer = der.subarray(start, start + length);
    while (integer.length > 32 && integer[0] === 0) integer = integer.subarray(1);
    if (integer.length > 32) return undefined;
    raw.set(integer, half + 32 - integer.length);
    offset = start + length;
  }
  return offset === der.length ? raw : undefined;
}

/** Whether `body` carries a valid signature by the published key `identifier`. Throws 503 when the keys cannot be fetched. */
export async function isSignedByGithub(url: string, body: ArrayBuffer, identifier: string | undefined, signature: string | undefined) {
  if (!identifier || !signature || identifier.length > 200 || signature.length > 200) return false;
  let der: Uint8Array;
  try {
    der = fromBase64(signature);
  } catch {
    return false;
  }
  const raw = derToRawSignature(der);
  if (!raw) return false;
  const key = await signingKey(url, identifier);
  if (!key) return false;
  return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, raw, body);
}
