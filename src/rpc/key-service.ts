import { WorkerEntrypoint } from "cloudflare:workers";
import {
  CLIENT_ADDRESS_HEADER,
  type PodkeysKeyService,
  RATE_LIMITED,
  RETRY_AFTER_SECONDS,
  SERVICE_UNAVAILABLE,
  type VerifyOptions,
  type VerifyRequestResult,
  type VerifyResult,
} from "../client/key-service";
import { handleFetch } from "../fetch-handler";
import { ApiError } from "../lib/errors";
import { errorName, writeLog } from "../lib/log";
import type { Env } from "../platform/env";
import { identify } from "../services/auth/identify";
import { checkKeyLimited, KeyRefused } from "../services/keys/key-auth";
import { verifyAnswerOf } from "../services/keys/verify-answer";

/**
 * Podkeys for other Workers. A calling Worker binds it with
 *   [[services]] binding = "PODKEYS", service = "podkeys", entrypoint = "KeyService"
 * and calls `env.PODKEYS.verify(key)`: on Cloudflare a service binding runs in the same location,
 * usually the same thread — no HTTP parsing, no public endpoint, the cheapest key check a Worker can make.
 *
 * `verify` answers exactly what `POST /api/keys/verify` answers, through the same function
 * (services/keys/verify-answer.ts), so format check, D1 read or cache, usage recording (on this call's
 * ctx.waitUntil) and revocation behave alike. Not rate-limited: the caller is a Worker of the same
 * account, and no client address crosses the binding; the calling Worker limits its own clients.
 */
const KEY_HEADERS = ["authorization", "x-api-key", "api-key"];

export class KeyService extends WorkerEntrypoint<Env> implements PodkeysKeyService {
  async verify(key: string, options: VerifyOptions = {}): Promise<VerifyResult> {
    // RPC arguments are whatever the caller sent; HTTP has zod for this.
    if (typeof key !== "string") throw new TypeError("verify(key): the key must be a string.");
    const address = statedAddress(options);
    try {
      // Behind the failed-key limiter, for the client address the caller states (or the shared bucket).
      const check = await checkKeyLimited(this.env, this.ctx, key, address);
      return check.valid ? verifyAnswerOf(check.caller) : { valid: false, code: check.code };
    } catch (error) {
      throw rpcError(error);
    }
  }

  /**
   * The key from `Authorization: Bearer`, `X-API-Key` or `Api-Key`, identified by the same function as
   * Podkeys' own API (keys/key-auth.ts). Only the key headers cross: no client address does, so the
   * failed-key limiter has no bucket here (the calling Worker limits its own clients).
   */
  async verifyRequest(headers: Headers | Record<string, string>, options: VerifyOptions = {}): Promise<VerifyRequestResult> {
    const given = new Headers(headers);
    // The address the limits apply to: the one the caller states, never a header it forwards.
    const keyHeaders = new Headers({ "cf-connecting-ip": statedAddress(options) });
    for (const name of KEY_HEADERS) {
      const value = given.get(name);
      if (value !== null) keyHeaders.set(name, value);
    }
    try {
      const identified = await identify(new Request("https://key-service.invalid/", { headers: keyHeaders }), this.env, this.ctx, {
        place: false,
      });
      // Without the sessions option, identify() names a key's caller or no one.
      if (identified?.caller.via !== "apiKey") return { valid: false, code: "MISSING" };
      return verifyAnswerOf(identified.caller);
    } catch (error) {
      if (error instanceof KeyRefused) return { valid: false, code: error.refusal };
      // `Bearer` with no usable key, or a header too long to be one: refused before any work, like MALFORMED.
      if (error instanceof ApiError && error.status < 500) return { valid: false, code: "MALFORMED" };
      throw rpcError(error);
    }
  }

  /** HTTP over the same binding: the whole API, exactly as at the Worker's public address. */
  fetch(request: Request): Response | Promise<Response> {
    // The client's address comes only from the header the caller states it in (README: KeyService);
    // a forwarded CF-Connecting-IP is dropped, and none stated shares the service-binding bucket.
    const headers = new Headers(request.headers);
    const address = headers.get(CLIENT_ADDRESS_HEADER)?.trim().slice(0, 64) || NO_ADDRESS;
    headers.delete(CLIENT_ADDRESS_HEADER);
    headers.set("cf-connecting-ip", address);
    return handleFetch(new Request(request, { headers }), this.env, this.ctx);
  }
}

/** The bucket of every call over the binding that names no client address: limited together, never unlimited. */
const NO_ADDRESS = "service-binding";

function statedAddress(options: VerifyOptions | undefined): string {
  const address = options?.clientAddress;
  if (address !== undefined && (typeof address !== "string" || address.length > 64)) {
    throw new TypeError("verify(key, { clientAddress }): the address must be a string of at most 64 characters.");
  }
  return address?.trim() || NO_ADDRESS;
}

/**
 * What crosses the binding when there is no verdict. Like the HTTP error renderer: one log line with
 * the error's kind, never its message (a failed query's message holds the SQL and the key's hash),
 * and nothing internal in what the caller receives.
 * D1 failed → SERVICE_UNAVAILABLE. An ApiError would reach the caller as a bare Error, so the code goes
 * into the message as well as `code` (see isServiceUnavailable in client/key-service.ts).
 */
function rpcError(error: unknown): Error {
  if (error instanceof ApiError && error.code === RATE_LIMITED) {
    const retryAfter = Number(error.headers?.["Retry-After"]) || 60;
    return Object.assign(new Error(`${RATE_LIMITED}: ${error.message}`), { name: "RateLimitedError", code: RATE_LIMITED, retryAfter });
  }
  const unavailable = error instanceof ApiError && error.code === SERVICE_UNAVAILABLE;
  writeLog("error", {
    rpc: "KeyService.verify",
    code: unavailable ? SERVICE_UNAVAILABLE : "INTERNAL_ERROR",
    error: errorName(error instanceof Error ? (error.cause ?? error) : error),
    message: unavailable ? "Key check failed: a dependency is unavailable" : "Key check failed with an unexpected error",
  });
  if (!unavailable) return new Error("INTERNAL_ERROR: Something went wrong on Podkeys' side.");
  const retryAfter = Number(error.headers?.["Retry-After"]) || RETRY_AFTER_SECONDS;
  return Object.assign(new Error(`${SERVICE_UNAVAILABLE}: ${error.message}`), {
    name: "ServiceUnavailableError",
    code: SERVICE_UNAVAILABLE,
    retryAfter,
  });
}
