import { call } from "../helpers";

/**
 * Helpers for the hardening suites. Rate-limit counters live for the whole test file (each file gets
 * its own runtime), so every test takes its own client address and usernames.
 */

let addressCounter = 0;
/** A client address no other test in this file uses (TEST-NET-2, RFC 5737). */
export function freshAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

/** `call` from a given client address, as Cloudflare's edge would report it. */
export function callFrom(address: string, path: string, init: Parameters<typeof call>[1] = {}) {
  const headers = new Headers(init.headers);
  headers.set("cf-connecting-ip", address);
  return call(path, { ...init, headers });
}

/**
 * Local rate-limit windows are aligned to the wall clock (a 60 s window ends on the minute). A burst
 * that straddles the boundary would be counted in two windows, so wait for a fresh window when the
 * current one has less than `seconds` left.
 */
export async function freshRateWindow(seconds = 15): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** Runs `count` requests one after another (rate limits count in order) and returns their statuses. */
export async function statuses(count: number, request: (i: number) => Promise<Response>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await request(i);
    await response.body?.cancel();
    result.push(response.status);
  }
  return result;
}
