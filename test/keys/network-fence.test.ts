import { describe, expect, it } from "vitest";
import { compileFence, fenceAllows, parseCidr, parseIp } from "../../src/lib/network-fence";

const place = (ip: string | null, country: string | null = null, asn: number | null = null) => ({ ip, country, asn });

describe("network fences", () => {
  it("parses IPv4 and IPv6 addresses, and refuses what is not one", () => {
    expect(parseIp("203.0.113.7")).toEqual({ version: 4, value: 0xcb007107n });
    expect(parseIp("2001:db8::1")?.version).toBe(6);
    expect(parseIp("::ffff:203.0.113.7")?.value).toBe(0xffffcb007107n);
    for (const bad of ["256.0.0.1", "1.2.3", "01.2.3.4", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "abc", ""])
      expect(parseIp(bad), bad).toBeNull();
  });

  it("parses CIDR ranges and single addresses; refuses prefixes past the address width", () => {
    expect(parseCidr("203.0.113.0/24")).not.toBeNull();
    expect(parseCidr("2001:db8::/32")).not.toBeNull();
    expect(parseCidr("203.0.113.9")).not.toBeNull();
    for (const bad of ["203.0.113.0/33", "2001:db8::/129", "203.0.113.0/x", "203.0.113.0/24/1"]) expect(parseCidr(bad), bad).toBeNull();
  });

  it("lets a request through when any one of country, ASN or range matches, and only then", () => {
    const fence = compileFence({ countries: ["de"], asns: [3320], cidrs: ["203.0.113.0/24", "2001:db8::/32"] });
    expect(fenceAllows(fence, place("203.0.113.255"))).toBe(true);
    expect(fenceAllows(fence, place("203.0.114.0"))).toBe(false);
    expect(fenceAllows(fence, place("2001:db8:ffff::1"))).toBe(true);
    expect(fenceAllows(fence, place("2001:db9::1"))).toBe(false);
    expect(fenceAllows(fence, place(null, "DE"))).toBe(true);
    expect(fenceAllows(fence, place("198.51.100.1", "FR", 3320))).toBe(true);
    expect(fenceAllows(fence, place("198.51.100.1", "FR", 1))).toBe(false);
    expect(fenceAllows(fence, place(null))).toBe(false);
    expect(fenceAllows(fence, place("not an address"))).toBe(false);
  });

  it("an IPv4 range does not match an IPv6 address with the same bits", () => {
    const fence = compileFence({ cidrs: ["0.0.0.0/0"] });
    expect(fenceAllows(fence, place("::1"))).toBe(false);
    expect(fenceAllows(fence, place("192.0.2.1"))).toBe(true);
  });
});
