import { toHex } from "../../src/lib/crypto";
import { type CallInit, callWith } from "../helpers";

/**
 * A local ECDSA P-256 key pair standing in for GitHub's alert-signing key, published on the stand-in key
 * server (test/stand-ins/github-keys.js) in GitHub's JSON shape. Each test file uses its own path there.
 */
export const KEY_SERVER = "http://github-keys.test";

export interface SigningKey {
  identifier: string;
  privateKey: CryptoKey;
  pem: string;
}

export async function newSigningKey(identifier = crypto.randomUUID()): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
  const base64 = btoa(String.fromCharCode(...spki));
  const pem = `-----BEGIN PUBLIC KEY-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
  return { identifier, privateKey: pair.privateKey, pem };
}

/** Publishes these keys at `path` on the stand-in key server, as GitHub does at meta/public_keys/secret_scanning. */
export async function publishKeys(path: string, keys: SigningKey[]) {
  const body = { public_keys: keys.map((key, i) => ({ key_identifier: key.identifier, key: key.pem, is_current: i === 0 })) };
  const response = await fetch(`${KEY_SERVER}${path}`, { method: "PUT", body: JSON.stringify(body) });
  if (response.status !== 204) throw new Error(`publishing keys failed: ${response.status}`);
}

export async function keyServerFetches(path: string): Promise<number> {
  return (await (await fetch(`${KEY_SERVER}${path}?fetches`)).json<{ fetches: number }>()).fetches;
}

/** Web Crypto signs r‖s (64 bytes); GitHub sends DER: SEQUENCE { INTEGER r, INTEGER s }. */
function rawToDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const padded = trimmed[0]! & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed;
    return Uint8Array.of(0x02, padded.length, ...padded);
  };
  const r = integer(raw.subarray(0, 32));
  const s = integer(raw.subarray(32));
  return Uint8Array.of(0x30, r.length + s.length, ...r, ...s);
}

export async function sign(key: SigningKey, body: string): Promise<string> {
  const raw = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key.privateKey, new TextEncoder().encode(body)));
  return btoa(String.fromCharCode(...rawToDer(raw)));
}

export interface Alert {
  token: string;
  type: string;
  url: string;
  source: string;
}

export const alertFor = (token: string, url = "https://github.com/kim/dotfiles/blob/abc123/.env"): Alert => ({
  token,
  type: "podkeys_api_key",
  url,
  source: "content",
});

/** POST /api/leaks/github with the body signed by `key` (or the given signature), against the key list at `path`. */
export async function postAlert(path: string, body: string, key: SigningKey, signature?: string, init: CallInit = {}) {
  return callWith({ GITHUB_SCANNING_KEYS_URL: `${KEY_SERVER}${path}` }, "/api/leaks/github", {
    method: "POST",
    ...init,
    headers: {
      "content-type": "application/json",
      "github-public-key-identifier": key.identifier,
      "github-public-key-signature": signature ?? (await sign(key, body)),
      ...(init.headers as Record<string, string> | undefined),
    },
    body,
  });
}

export async function tokenHash(token: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
}
