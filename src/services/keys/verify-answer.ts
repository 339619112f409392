import type { z } from "@hono/zod-openapi";
import { restrictionsView } from "../../identity/key-restrictions";
import type { KeyCaller } from "../../identity/verified-key";
import type { Env, WaitUntil } from "../../platform/env";
import type { VerifyKeyResultSchema } from "./keys.schemas";
import { verifyKey } from "./verify-key";

export type VerifyKeyResult = z.infer<typeof VerifyKeyResultSchema>;

/**
 * "Is this key valid, and whose is it?" for services that accept Podkeys keys: the one function behind
 * `POST /api/keys/verify` (HTTP) and `KeyService.verify` (RPC from another Worker, rpc/key-service.ts),
 * so both give the same answer through the same check (verify-key.ts: format with no I/O, one D1 read
 * or the cache, lastUsedAt after the answer). When D1 fails, verifyKey throws 503 SERVICE_UNAVAILABLE:
 * no verdict at all, never `valid:false` (a caller would drop a good key).
 */
export async function verifyKeyAnswer(env: Env, ctx: WaitUntil, key: string): Promise<VerifyKeyResult> {
  const check = await verifyKey(env, ctx, key);
  return check.valid ? verifyAnswerOf(check.caller) : { valid: false, code: check.code };
}

/** A valid key's answer, from its caller. */
export function verifyAnswerOf(caller: KeyCaller): VerifyKeyResult {
  const { key: verified, user } = caller;
  const expiresAt = verified.expiresAt === null ? null : new Date(verified.expiresAt).toISOString();
  return { valid: true, keyId: verified.id, scope: verified.scope, expiresAt, user, ...restrictionsView(verified) };
}
