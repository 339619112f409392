import { ApiError } from "../../lib/errors";

/** Longest header value we read; anything larger is refused before any work is done on it. */
const MAX_HEADER_LENGTH = 256;
const BEARER_SCHEME = /^Bearer\b/i;

/**
 * The key a program presents: `Authorization: Bearer <key>`, or `X-API-Key` / `Api-Key` for
 * plugins that can only set a custom header (Pinepods clients send `Api-Key`).
 * A key in the query string is never read: URLs end up in logs, proxies and browser history.
 * Returns undefined when no key header is present at all.
 */
export function readPresentedKey(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    guardLength(authorization);
    const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization);
    // Basic and other schemes are not key authentication; leave them to whoever understands them.
    if (match) return match[1];
    if (BEARER_SCHEME.test(authorization)) throw new ApiError("INVALID_KEY", "The Authorization header must be `Bearer <key>`.");
  }
  const custom = headers.get("x-api-key") ?? headers.get("api-key");
  if (custom !== null) {
    guardLength(custom);
    return custom.trim();
  }
  return undefined;
}

/**
 * True when the request names a key, which means the session cookie will not be consulted at all
 * (a presented key wins, and an invalid one is an error, never a fallback to the cookie).
 */
export function presentsKey(headers: Headers): boolean {
  const authorization = headers.get("authorization");
  return (authorization !== null && BEARER_SCHEME.test(authorization)) || headers.has("x-api-key") || headers.has("api-key");
}

function guardLength(value: string) {
  if (value.length > MAX_HEADER_LENGTH) throw new ApiError("BAD_REQUEST", "The credential header is too long.");
}
