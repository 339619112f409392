import { ApiError } from "../../lib/errors";
import type { Env, WaitUntil } from "../../platform/env";
import { enforceAddressLimit, refuseWhileBlocked } from "../../platform/rate-limits";
import { rememberValidKey, validFromHereRecently } from "../../platform/recent-valid-keys";
import { type KeyCheck, verifyKey } from "./verify-key";

/** What a refused key check answers, by the check's code; the RPC answer keeps the code itself. */
export class KeyRefused extends ApiError {
  constructor(readonly refusal: Exclude<KeyCheck, { valid: true }>["code"]) {
    const [code, message] = REFUSALS[refusal];
    super(code, message);
  }
}

const REFUSALS = {
  EXPIRED: ["KEY_EXPIRED", "The API key has expired."],
  DISABLED: ["KEY_DISABLED", "The API key is disabled."],
  LEAKED: ["KEY_LEAKED", "The API key was reported leaked and is revoked."],
  MALFORMED: ["INVALID_KEY", "The API key is not valid."],
  NOT_FOUND: ["INVALID_KEY", "The API key is not valid."],
} as const;

/**
 * A key check behind the failed-key limiter — the one place the limiter's refuse/enforce pair is
 * written, for identify() and POST /api/keys/verify (guessing keys in a body is as limited as in a
 * header). Refused before the lookup while `address` is over its limit — unless this very key was valid
 * from this address within the hour (platform/recent-valid-keys.ts): one broken device must not lock a
 * household out; such a key still goes to D1, as every key does. Only a failed check counts.
 */
export async function checkKeyLimited(env: Env, ctx: WaitUntil, key: string, address: string | null, country?: string): Promise<KeyCheck> {
  await refuseWhileBlocked(address, "KEY_FAILURE_LIMITER", () => validFromHereRecently(address, key));
  const check = await verifyKey(env, ctx, key, country);
  if (check.valid) rememberValidKey(address, check.keyHash);
  else await enforceAddressLimit(env, address, "KEY_FAILURE_LIMITER");
  return check;
}
