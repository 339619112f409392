/**
 * The contract of Podkeys' `KeyService` entrypoint, as a calling Worker sees it over a service binding.
 * Part of the package's public surface (`podkeys/hono` re-exports it): no imports, no runtime
 * dependency, so a consumer bundles only this. The Worker's KeyService implements this interface,
 * so the compiler keeps the two in step.
 */

export type KeyScope = "read" | "full";

export interface KeyOwner {
  id: number;
  username: string;
  role: "admin" | "user";
}

export type PermissionGroup = "podcasts" | "playback" | "feeds" | "downloads" | "settings" | "admin" | "keys";
export type PermissionLevel = "read" | "write";
/** A level for each group the key may reach; `write` includes `read`. */
export type KeyPermissions = Partial<Record<PermissionGroup, PermissionLevel>>;

/** What narrows a valid key besides its permissions (null: not narrowed). */
export interface KeyNarrowing {
  permissions: KeyPermissions;
  podcastIds: number[] | null;
  network: { countries?: string[]; asns?: number[]; cidrs?: string[] } | null;
  rateLimit: { requests: number; periodSeconds: number } | null;
}

/** Exactly the body of `POST /api/keys/verify`. `expiresAt` is an ISO 8601 date-time, or null for never. */
export type VerifyResult =
  | ({ valid: true; keyId: number; scope: KeyScope; expiresAt: string | null; user: KeyOwner } & KeyNarrowing)
  | { valid: false; code: "MALFORMED" | "NOT_FOUND" | "EXPIRED" | "DISABLED" | "LEAKED" };

/** `verifyRequest` also says when the headers carry no key at all. */
export type VerifyRequestResult = VerifyResult | { valid: false; code: "MISSING" };

/**
 * Who the calling Worker is checking a key for: its own client's address (its request's
 * CF-Connecting-IP). Podkeys' failed-key limits apply to it; without it, every call that names no
 * address shares one bucket, so a caller cannot escape the limits by sending none.
 */
export interface VerifyOptions {
  clientAddress?: string;
}

/**
 * The header that names the client's address on `fetch` over the binding (any CF-Connecting-IP the
 * calling Worker forwards is ignored there: it is the caller's to state, deliberately).
 */
export const CLIENT_ADDRESS_HEADER = "X-Podkeys-Client-Address";

/** Thrown (message prefix and `code`) when the client address is over its failed-key limit; `retryAfter` in seconds. */
export const RATE_LIMITED = "RATE_LIMITED";

/** The methods a `[[services]]` binding with `entrypoint = "KeyService"` offers. */
export interface PodkeysKeyService {
  /**
   * Checks one key. Resolves with a verdict for any string, however wrong; rejects only when there
   * is no verdict to give (see isServiceUnavailable).
   */
  verify(key: string, options?: VerifyOptions): Promise<VerifyResult>;
  /** Reads the key from `Authorization: Bearer`, `X-API-Key` or `Api-Key`, as Podkeys' own API does, and checks it. */
  verifyRequest(headers: Headers | Record<string, string>, options?: VerifyOptions): Promise<VerifyRequestResult>;
}

export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

/** Seconds to wait before asking again after SERVICE_UNAVAILABLE, when the error does not say (see retryAfterSeconds). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * True for the error KeyService throws when it cannot check a key (its database failed): a temporary
 * failure, never a verdict on the key. Answer 503 with Retry-After, as Podkeys itself does.
 * Why the message as well as `code`: workerd carries an error's own properties across RPC at
 * current compatibility dates, but Cloudflare's RPC docs promise only the message and the name of
 * built-in error types; the message prefix survives either way.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: unknown }).code === SERVICE_UNAVAILABLE || error.message.startsWith(`${SERVICE_UNAVAILABLE}:`);
}

/** The wait KeyService asked for with a SERVICE_UNAVAILABLE error (its `retryAfter`), else RETRY_AFTER_SECONDS. */
export function retryAfterSeconds(error: unknown): number {
  const retryAfter = (error as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof retryAfter === "number" && Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : RETRY_AFTER_SECONDS;
}
