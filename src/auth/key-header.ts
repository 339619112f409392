import { ApiError } from "../lib/errors";

/** Longest header value we read; anything larger is refused before any work is done on it. */
const MAX_HEADER_LENGTH = 256;

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
    if (/^Bearer\b/i.test(authorization)) throw new ApiError(401, "INVALID_KEY", "The Authorization header must be `Bearer <key>`.");
  }
  const custom = headers.get("x-api-key") ?? headers.get("api-key");
  if (custom !== null) {
    guardLength(custom);
    return custom.trim();
  }
  return undefined;
}

function guardLength(value: string) {
  if (value.length > MAX_HEADER_LENGTH) throw new ApiError(400, "BAD_REQUEST", "The credential header is too long.");
}
