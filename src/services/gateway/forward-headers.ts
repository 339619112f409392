/**
 * Which headers cross the door, each way. Fixed lists, not the `Connection` header's tokens: the
 * Workers runtime removes `Connection` (and the hop-by-hop headers it names) before the Worker sees
 * the request, so code that read it found nothing — the lists below are the whole rule.
 */

/**
 * Dropped from every request before it goes to the origin:
 * - hop-by-hop headers (RFC 9110 §7.6.1) and `Host` (the origin's own is set by fetch);
 * - credentials that belong to Podkeys or to the browser: the origin gets the owner's origin key, or none;
 * - what could make Pinepods (or a proxy before it) act on another method or path than the one the
 *   edge checked: method overrides (a read key's GET must stay a GET) and URL rewrites;
 * - what a client could use to claim another host or scheme: `Forwarded`, `X-Forwarded-*` and
 *   `X-Real-IP`. Pinepods builds no URL from them (its `api_url` and feed links come from its own
 *   settings), so the edge sends none of its own either.
 */
const REQUEST_DROPPED = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "authorization",
  "x-api-key",
  "api-key",
  "cookie",
  "x-http-method-override",
  "x-http-method",
  "x-method-override",
  "forwarded",
  "x-real-ip",
  "x-original-url",
  "x-rewrite-url",
]);
const REQUEST_DROPPED_PREFIX = "x-forwarded-";

/** Dropped from the origin's answers: hop-by-hop, its cookies (for its domain, not ours) and its CORS (Podkeys' policy decides). */
const ANSWER_DROPPED = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "set-cookie",
  "set-cookie2",
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-expose-headers",
  "access-control-max-age",
]);

/** The client's request headers, minus everything the origin must not see (the caller adds the origin key). */
export function forwardedRequestHeaders(incoming: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of incoming) {
    if (!REQUEST_DROPPED.has(name) && !name.startsWith(REQUEST_DROPPED_PREFIX)) headers.append(name, value);
  }
  return headers;
}

/**
 * The origin's answer headers as the client gets them. An answer to a key-authenticated request is
 * one user's data: `private, no-store`, whatever the origin said (Pinepods marks some `public,
 * max-age=86400`, which a shared cache between the client and the edge would keep for everyone).
 */
export function forwardedAnswerHeaders(answer: Headers, keyed: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of answer) {
    if (!ANSWER_DROPPED.has(name)) headers.append(name, value);
  }
  if (keyed) headers.set("cache-control", "private, no-store");
  return headers;
}
