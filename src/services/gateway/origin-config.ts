import { ApiError } from "../../lib/errors";
import { openWithKeyring, seal, vaultKeyId } from "../../lib/vault";
import { config, vaultKeyring } from "../../platform/config";
import type { Env } from "../../platform/env";

/** The gateway's settings (config.ts parses them: ORIGIN_URL, ORIGIN_TIMEOUT_SECONDS). */
export interface OriginConfig {
  /** The Pinepods server's base URL, without a trailing slash. */
  base: string;
  timeoutMs: number;
}

/** Whether the gateway is on (ORIGIN_URL set): needs ORIGIN_URL only, so a bad timeout fails no own route. */
export function gatewayOn(env: Env): boolean {
  return config(env).originUrl !== undefined;
}

/** undefined: the gateway is off (ORIGIN_URL empty), Podkeys answers only its own routes. */
export function originConfig(env: Env): OriginConfig | undefined {
  const settings = config(env);
  const base = settings.originUrl;
  return base === undefined ? undefined : { base, timeoutMs: settings.originTimeoutMs };
}

/** The gateway's config, or the 409 that says there is no podcast server to link to. */
export function requireOrigin(env: Env): OriginConfig {
  const origin = originConfig(env);
  if (!origin) throw new ApiError("ORIGIN_NOT_CONFIGURED", "This Podkeys has no podcast server behind it (ORIGIN_URL is empty).");
  return origin;
}

/**
 * Seals origin keys under VAULT_KEY and opens them under it or a VAULT_KEY_PREVIOUS (lib/vault.ts), each
 * bound to its `context` (the user's link). `stale`: opened with a previous key, to be re-sealed.
 */
export interface OriginVault {
  seal(plaintext: string, context: string): Promise<{ sealed: string; keyId: string }>;
  open(sealed: string, context: string): Promise<{ plaintext: string; stale: boolean }>;
}

/** The vault for origin credentials; a deployment without VAULT_KEY cannot link (503, never a plaintext fallback). */
export function originVault(env: Env): OriginVault {
  const ring = vaultKeyring(env);
  if (!ring) throw vaultUnavailable();
  return {
    seal: async (plaintext, context) => ({ sealed: await seal(ring.current, context, plaintext), keyId: await vaultKeyId(ring.current) }),
    // Wrong key, another context or a tampered value: the vault says only "no" (503 VAULT_KEY_MISMATCH).
    open: (sealed, context) => openWithKeyring(ring, context, sealed),
  };
}

export const vaultUnavailable = () =>
  new ApiError("SERVICE_UNAVAILABLE", "The gateway's vault key (VAULT_KEY) is missing or invalid; ask the administrator.", {
    "Retry-After": "300",
  });

/** The purpose each sealed origin key is bound to (its own derived AES key): a sealed value copied to another user's row does not open. */
export const originKeyContext = (userId: number) => `origin-link:${userId}`;
