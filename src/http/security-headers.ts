/**
 * Headers for everything the Worker itself answers (the API, the key gate, /healthz and, later,
 * forwarded answers): the pipeline (pipeline.ts) sets them on every response. The page and its
 * assets are served by the assets binding without running the Worker; their headers are in
 * src/ui/public/_headers.
 *
 * API answers are JSON, never documents: a CSP of `default-src 'none'` means that even if a browser
 * were tricked into rendering one (a key name full of HTML, say), nothing in it could run or load.
 */
const HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["x-content-type-options", "nosniff"],
  ["content-security-policy", "default-src 'none'; frame-ancestors 'none'"],
  ["x-frame-options", "DENY"],
  ["referrer-policy", "no-referrer"],
];
// Browsers ignore HSTS received over plain http (RFC 6797 §8.1); sending it only on https keeps local dev clean.
const HTTPS_HEADERS = [...HEADERS, ["strict-transport-security", "max-age=31536000"] as const];

/** Precomputed, so the hot path pays for no more than a few header sets. */
export function securityHeadersFor(url: string): ReadonlyArray<readonly [string, string]> {
  return url.startsWith("https:") ? HTTPS_HEADERS : HEADERS;
}
