import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUrl, totpStep } from "../../src/lib/totp";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("TOTP (RFC 6238) on Web Crypto", () => {
  // Appendix B of RFC 6238: 8-digit codes at these times for the RFC's ASCII seeds.
  const vectors: Array<[number, string, string, string]> = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  const sha1Seed = ascii("12345678901234567890");
  const sha256Seed = ascii("12345678901234567890123456789012");
  const sha512Seed = ascii("1234567890123456789012345678901234567890123456789012345678901234");

  it.each(vectors)("matches the RFC's test vectors at T=%i", async (seconds, sha1, sha256, sha512) => {
    const step = totpStep(seconds * 1000);
    expect(await hotp(sha1Seed, step, 8, "SHA-1")).toBe(sha1);
    expect(await hotp(sha256Seed, step, 8, "SHA-256")).toBe(sha256);
    expect(await hotp(sha512Seed, step, 8, "SHA-512")).toBe(sha512);
  });

  it("gives 6-digit codes as apps show them (the low 6 digits of the same number)", async () => {
    expect(await hotp(sha1Seed, totpStep(59_000))).toBe("287082");
  });

  it("accepts one step either side, never two, and never a step at or before the last one used", async () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    const code = (s: number) => hotp(sha1Seed, s);
    expect(await matchTotp(sha1Seed, await code(step), now, null)).toBe(step);
    expect(await matchTotp(sha1Seed, await code(step - 1), now, null)).toBe(step - 1);
    expect(await matchTotp(sha1Seed, await code(step + 1), now, null)).toBe(step + 1);
    expect(await matchTotp(sha1Seed, await code(step - 2), now, null)).toBeUndefined();
    expect(await matchTotp(sha1Seed, await code(step + 2), now, null)).toBeUndefined();
    expect(await matchTotp(sha1Seed, await code(step), now, step)).toBeUndefined();
    expect(await matchTotp(sha1Seed, await code(step + 1), now, step)).toBe(step + 1);
    expect(await matchTotp(sha1Seed, "12345", now, null)).toBeUndefined();
  });

  it("round-trips base32 (RFC 4648) and builds the otpauth URL apps read", () => {
    expect(base32Encode(ascii("foobar"))).toBe("MZXW6YTBOI");
    expect(new TextDecoder().decode(base32Decode("mzxw6ytboi"))).toBe("foobar");
    const url = new URL(otpauthUrl("Podkeys", "bob@example", "MZXW6YTBOI"));
    expect(url.protocol).toBe("otpauth:");
    expect(url.href.startsWith("otpauth://totp/Podkeys:bob%40example?")).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret: "MZXW6YTBOI",
      issuer: "Podkeys",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});
