import type { MiddlewareHandler } from "hono";

/**
 * Headers for everything the Worker itself answers (the API and /healthz). The page and its
 * assets are served by the assets binding without running the Worker; their headers are in
 * src/ui/public/_headers.
 *
 * API answers are JSON, never documents: a CSP of `default-src 'none'` means that even if a browser
 * were tricked into rendering one (a key name full of HTML, say), nothing in it could run or load.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "no-referrer");
  // Browsers ignore HSTS received over plain http (RFC 6797 §8.1); sending it only on https keeps local dev clean.
  if (new URL(c.req.url).protocol === "https:") c.header("Strict-Transport-Security", "max-age=31536000");
};
