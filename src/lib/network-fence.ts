/**
 * Network fences: where a key may be used from. A fence lists countries (ISO 3166 codes, from
 * request.cf.country), autonomous systems (request.cf.asn) and address ranges (IPv4 and IPv6 CIDR,
 * matched against CF-Connecting-IP); a request matching any one of them passes, every other is
 * refused. Ranges are parsed once — when the key is read from D1 or the cache fills — into integer
 * pairs, so a check is a few integer comparisons and set lookups, no parsing per request.
 */
export interface NetworkFence {
  countries?: string[];
  asns?: number[];
  cidrs?: string[];
}

interface Range {
  version: 4 | 6;
  network: bigint;
  mask: bigint;
}

export interface CompiledFence {
  countries: Set<string>;
  asns: Set<number>;
  ranges: Range[];
}

export interface RequestPlace {
  ip: string | null;
  country: string | null;
  asn: number | null;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(text: string): bigint | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  let value = 0n;
  for (const part of match.slice(1)) {
    const octet = Number(part);
    if (octet > 255 || (part.length > 1 && part.startsWith("0"))) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split("::").length > 2) return null;
  let tail: bigint | null = null;
  let body = text;
  // An embedded IPv4 address in the last 32 bits (::ffff:192.0.2.1).
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (tail === null) return null;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = body.split("::") as [string, string | undefined];
  const headParts = head === "" ? [] : head.split(":");
  const restParts = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - headParts.length - restParts.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const parts = [...headParts, ...Array<string>(rest === undefined ? 0 : missing).fill("0"), ...restParts];
  let value = 0n;
  for (const part of parts) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(part, 16));
  }
  return tail === null ? value : (value & ~0xffffffffn) | tail;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === null ? null : { version: 6, value: v6 };
}

/** `203.0.113.0/24`, `2001:db8::/32`, or a single address. Null when it is not one. */
export function parseCidr(text: string): Range | null {
  const [address = "", prefixText, ...extra] = text.trim().split("/");
  if (extra.length > 0) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const width = ip.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return null;
  const all = (1n << BigInt(width)) - 1n;
  const mask = (all << BigInt(width - prefix)) & all;
  return { version: ip.version, network: ip.value & mask, mask };
}

export function compileFence(fence: NetworkFence): CompiledFence {
  return {
    countries: new Set((fence.countries ?? []).map((country) => country.toUpperCase())),
    asns: new Set(fence.asns ?? []),
    ranges: (fence.cidrs ?? []).map(parseCidr).filter((range): range is Range => range !== null),
  };
}

export function fenceAllows(fence: CompiledFence, place: RequestPlace): boolean {
  if (place.country !== null && fence.countries.has(place.country.toUpperCase())) return true;
  if (place.asn !== null && fence.asns.has(place.asn)) return true;
  if (place.ip === null || fence.ranges.length === 0) return false;
  const ip = parseIp(place.ip);
  if (!ip) return false;
  return fence.ranges.some((range) => range.version === ip.version && (ip.value & range.mask) === range.network);
}

/** Where a request comes from, as Cloudflare tells it: `request.cf` and CF-Connecting-IP. */
export function requestPlace(request: Request): RequestPlace {
  const cf = (request as { cf?: { country?: unknown; asn?: unknown } }).cf;
  return {
    ip: request.headers.get("cf-connecting-ip"),
    country: typeof cf?.country === "string" ? cf.country : null,
    asn: typeof cf?.asn === "number" ? cf.asn : null,
  };
}
