import { ApiError } from "../../lib/errors";
import type { OriginConfig } from "./origin-config";

/**
 * Every request to the Pinepods server goes through here, so "down" always reads the same:
 * no answer within the timeout (≤ 30 s) → 504 ORIGIN_TIMEOUT; a connection that fails → 502
 * ORIGIN_UNREACHABLE; both in the error shape with Retry-After. The timeout covers the wait for the
 * answer's headers only: a long download (an episode) keeps streaming after them.
 * Error messages never name the URL's query or any header (the origin key travels in one).
 */
const RETRY_AFTER = { "Retry-After": "30" };

export async function fetchOrigin(config: OriginConfig, request: Request): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    return await fetch(request, { signal: controller.signal });
  } catch {
    if (controller.signal.aborted) {
      throw new ApiError("ORIGIN_TIMEOUT", `The podcast server did not answer within ${config.timeoutMs / 1000} seconds.`, RETRY_AFTER);
    }
    throw new ApiError("ORIGIN_UNREACHABLE", "The podcast server could not be reached.", RETRY_AFTER);
  } finally {
    clearTimeout(timer);
  }
}

export function originError(status: number): ApiError {
  return new ApiError("ORIGIN_ERROR", `The podcast server answered with an error (HTTP ${status}).`, RETRY_AFTER);
}
