import { base64url, fromBase64url, randomBytes, timingSafeEqual } from "../../lib/crypto";

/**
 * PBKDF2-SHA-256 through Web Crypto. 100,000 iterations is the most workerd allows
 * (it rejects higher counts), so that is what we use; the count is stored with each hash
 * so it can be raised if the runtime ever allows more.
 */
const ITERATIONS = 100_000;
const SCHEME = "pbkdf2-sha256";
const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, ITERATIONS);
  return `${SCHEME}$${ITERATIONS}$${base64url(salt)}$${base64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== SCHEME || !iterations || !salt || !hash) return false;
  const actual = await derive(password, fromBase64url(salt), Number(iterations));
  return timingSafeEqual(actual, fromBase64url(hash));
}

/**
 * A hash of a random password, checked against when a username does not exist, so an unknown
 * user costs the same PBKDF2 work as a wrong password and timing does not reveal which usernames exist.
 */
let decoy: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoy ??= hashPassword(base64url(randomBytes(16)));
  return decoy;
}
