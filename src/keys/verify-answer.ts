import type { z } from "@hono/zod-openapi";
import { RETRY_AFTER_SECONDS } from "../client/key-service";
import type { Env } from "../env";
import { ApiError } from "../lib/errors";
import { writeLog } from "../lib/request-log";
import type { VerifyKeyResultSchema } from "./keys.schemas";
import { type KeyCheck, verifyKey, type WaitUntil } from "./verify-key";

export type VerifyKeyResult = z.infer<typeof VerifyKeyResultSchema>;

/**
 * "Is this key valid, and whose is it?" for services that accept Podkeys keys: the one function behind
 * `POST /api/keys/verify` (HTTP) and `KeyService.verify` (RPC from another Worker), so both give the
 * same answer through the same check (verify-key.ts: format with no I/O, one D1 read or the cache,
 * lastUsedAt after the answer).
 *
 * A database failure is not a verdict: it becomes 503 SERVICE_UNAVAILABLE with Retry-After, never
 * `valid:false` (a caller would drop a good key) and never the driver's message (it carries the SQL
 * and its parameters — here, the key's hash). The log line says only that the check failed.
 */
export async function verifyKeyAnswer(env: Env, ctx: WaitUntil, key: string): Promise<VerifyKeyResult> {
  let check: KeyCheck;
  try {
    check = await verifyKey(env, ctx, key);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    writeLog("error", { error: error instanceof Error ? error.name : typeof error, message: "Key check failed: the database did not answer." });
    throw new ApiError(503, "SERVICE_UNAVAILABLE", "The key could not be checked right now. Try again shortly.", {
      "Retry-After": String(RETRY_AFTER_SECONDS),
    });
  }
  if (!check.valid) return { valid: false, code: check.code };
  const { keyId, scope, expiresAt, user } = check.key;
  return { valid: true, keyId, scope, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(), user };
}
