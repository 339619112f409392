import type { KeyCaller } from "../../identity/verified-key";
import { ApiError, serviceUnavailable } from "../../lib/errors";
import { fenceAllows, requestPlace } from "../../lib/network-fence";
import type { Env, WaitUntil } from "../../platform/env";
import type { KeyRateLimiter } from "./key-rate-limiter";
import { countRefusal } from "./key-usage";

/**
 * Where and how often a valid key may be used, checked on every authenticated use (key-auth.ts): the
 * key gate, Podkeys' own endpoints and every forwarded request.
 * 1. The network fence, with no I/O: outside it → 403 KEY_NETWORK_REFUSED.
 * 2. The rate limit, only for keys that have one: one call to the key's Durable Object
 *    (key-rate-limiter.ts); over it → 429 RATE_LIMITED with Retry-After. If the object cannot be
 *    reached, the check fails closed (503), like a key check whose D1 fails.
 * A refusal is counted as refused in the key's daily usage (never one audit row per refusal).
 */
export async function enforceKeyPlace(env: Env, ctx: WaitUntil, request: Request, caller: KeyCaller): Promise<void> {
  const { key } = caller;
  if (key.fence && !fenceAllows(key.fence, requestPlace(request))) {
    refused(env, ctx, key.id);
    throw new ApiError("KEY_NETWORK_REFUSED", "This key may not be used from this network.");
  }
  if (key.rateLimit) {
    const retryAfter = await takeFromLimit(env, key.id, key.rateLimit);
    if (retryAfter > 0) {
      refused(env, ctx, key.id);
      throw new ApiError("RATE_LIMITED", `This key's rate limit is reached. Try again in ${retryAfter} seconds.`, {
        "Retry-After": String(retryAfter),
      });
    }
  }
}

/** A use the key's own narrowing refused: counted as refused in its usage, never audited one by one. */
export function refused(env: Env, ctx: WaitUntil, keyId: number) {
  countRefusal(env.DB, ctx, keyId, Date.now());
}

const LIMITER_RETRY_AFTER_SECONDS = 5;

async function takeFromLimit(env: Env, keyId: number, limit: { requests: number; periodSeconds: number }): Promise<number> {
  const namespace = env.KEY_RATE_LIMITER;
  try {
    if (!namespace) throw new Error("no KEY_RATE_LIMITER binding");
    // The binding is declared untyped in platform/env.ts (a lower layer cannot name this class).
    const limiter = namespace.getByName(`key:${keyId}`) as unknown as DurableObjectStub<KeyRateLimiter>;
    return await limiter.take(limit.requests, limit.periodSeconds);
  } catch (error) {
    throw serviceUnavailable("This key's rate limit cannot be checked right now.", LIMITER_RETRY_AFTER_SECONDS, error);
  }
}
