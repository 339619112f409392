import type { z } from "@hono/zod-openapi";
import type { Env, WaitUntil } from "../../platform/env";
import { enforceAddressLimit, refuseWhileBlocked } from "../../platform/rate-limits";
import { rememberValidKey, validFromHereRecently } from "../../platform/recent-valid-keys";
import type { VerifyKeyResultSchema } from "./keys.schemas";
import { verifyKey } from "./verify-key";

export type VerifyKeyResult = z.infer<typeof VerifyKeyResultSchema>;

/**
 * "Is this key valid, and whose is it?" (`request` carries the client address the limits apply to) for services that accept Podkeys keys: the one function behind
 * `POST /api/keys/verify` (HTTP) and `KeyService.verify` (RPC from another Worker, rpc/key-service.ts),
 * so both give the same answer through the same check (verify-key.ts: format with no I/O, one D1 read
 * or the cache, lastUsedAt after the answer). When D1 fails, verifyKey throws 503 SERVICE_UNAVAILABLE:
 * no verdict at all, never `valid:false` (a caller would drop a good key).
 */
export async function verifyKeyAnswer(env: Env, ctx: WaitUntil, key: string, request: Request): Promise<VerifyKeyResult> {
  // Guessing keys here is as limited as guessing them in headers: the address's failed-key limit, with
  // the same exemption for a key that was valid from it within the hour (platform/recent-valid-keys.ts).
  await refuseWhileBlocked(request, "KEY_FAILURE_LIMITER", () => validFromHereRecently(request, key));
  const check = await verifyKey(env, ctx, key);
  if (!check.valid) {
    await enforceAddressLimit(env, request, "KEY_FAILURE_LIMITER");
    return { valid: false, code: check.code };
  }
  rememberValidKey(request, check.keyHash);
  const { key: verified, user } = check.caller;
  const expiresAt = verified.expiresAt === null ? null : new Date(verified.expiresAt).toISOString();
  return { valid: true, keyId: verified.id, scope: verified.scope, expiresAt, user };
}
