import { base62, bytesToBigInt, crc32, randomBytes } from "../lib/crypto";

/**
 * Key format (GitHub's token scheme): `<prefix>_<43 base62 chars of 32 random bytes><6 base62 chars of CRC-32>`.
 * The fixed prefix lets secret scanners find leaked keys; the checksum lets the Worker refuse a
 * mistyped or made-up key before it spends a D1 query on it.
 */
export const SECRET_LENGTH = 43; // ceil(256 bits / log2(62))
export const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const patterns = new Map<string, RegExp>();

/** The published regex for keys with this prefix (secret scanners can use it as-is). */
export function keyPattern(prefix: string): RegExp {
  let pattern = patterns.get(prefix);
  if (!pattern) {
    pattern = new RegExp(`^${prefix}_[0-9A-Za-z]{${SECRET_LENGTH + CHECKSUM_LENGTH}}$`);
    patterns.set(prefix, pattern);
  }
  return pattern;
}

function checksum(secret: string): string {
  return base62(BigInt(crc32(secret)), CHECKSUM_LENGTH);
}

export function generateKey(prefix: string): string {
  const secret = base62(bytesToBigInt(randomBytes(32)), SECRET_LENGTH);
  return `${prefix}_${secret}${checksum(secret)}`;
}

/**
 * A key that validates (shape and checksum) but belongs to no one, for secret scanners' enrolment tests
 * (GitHub asks for one): its secret is fixed text, never the output of generateKey's 256 random bits.
 */
export function testKey(prefix: string): string {
  const secret = "PodkeysSecretScanningTestKeyNotARealKey".padEnd(SECRET_LENGTH, "0");
  return `${prefix}_${secret}${checksum(secret)}`;
}

/** True when the key has the right shape and its checksum matches. Costs no I/O. */
export function isWellFormedKey(key: string, prefix: string): boolean {
  if (!keyPattern(prefix).test(key)) return false;
  const start = prefix.length + 1;
  const secret = key.slice(start, start + SECRET_LENGTH);
  return key.slice(start + SECRET_LENGTH) === checksum(secret);
}

/** A short, non-secret label to recognise a key by: prefix plus its last four characters. */
export function keyHint(key: string, prefix: string): string {
  return `${prefix}_…${key.slice(-4)}`;
}
