/**
 * The caller's address as Cloudflare's edge saw it. Trustworthy only behind Cloudflare, where the
 * edge sets CF-Connecting-IP itself; null in local development unless a client sends the header.
 */
export function clientAddress(request: Request): string | null {
  return request.headers.get("cf-connecting-ip");
}

/** Cloudflare's idea of where the request came from (ISO country code); absent in local development. */
export function requestCountry(request: Request): string | undefined {
  const country = (request as { cf?: { country?: unknown } }).cf?.country;
  return typeof country === "string" ? country : undefined;
}
