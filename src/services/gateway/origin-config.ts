import { ApiError } from "../../lib/errors";
import { openWithKeyring, seal, vaultKeyId } from "../../lib/vault";
import { vaultKeyring } from "../../platform/config";
import type { Env } from "../../platform/env";

/** The gateway's settings, read from the environment once per value per isolate. */
export interface OriginConfig {
  /** The Pinepods server's base URL, without a trailing slash. */
  base: string;
  timeoutMs: number;
}

const MAX_TIMEOUT_SECONDS = 30;
const parsed = new Map<string, OriginConfig>();

/** undefined: the gateway is off (ORIGIN_URL empty), Podkeys answers only its own routes. */
export function originConfig(env: Env): OriginConfig | undefined {
  const url = env.ORIGIN_URL?.trim();
  if (!url) return undefined;
  const cacheKey = `${url} ${env.ORIGIN_TIMEOUT_SECONDS ?? ""}`;
  let config = parsed.get(cacheKey);
  if (!config) {
    let base: URL;
    try {
      base = new URL(url);
    } catch {
      throw new ApiError("SERVICE_UNAVAILABLE", "The gateway is misconfigured: ORIGIN_URL is not a URL.");
    }
    if (base.protocol !== "https:" && base.protocol !== "http:") {
      throw new ApiError("SERVICE_UNAVAILABLE", "The gateway is misconfigured: ORIGIN_URL must be http or https.");
    }
    const seconds = Number(env.ORIGIN_TIMEOUT_SECONDS) || MAX_TIMEOUT_SECONDS;
    config = { base: base.href.replace(/\/+$/, ""), timeoutMs: Math.min(seconds, MAX_TIMEOUT_SECONDS) * 1000 };
    parsed.set(cacheKey, config);
  }
  return config;
}

/** The gateway's config, or the 409 that says there is no podcast server to link to. */
export function requireOrigin(env: Env): OriginConfig {
  const config = originConfig(env);
  if (!config) throw new ApiError("ORIGIN_NOT_CONFIGURED", "This Podkeys has no podcast server behind it (ORIGIN_URL is empty).");
  return config;
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
  if (!ring?.current.trim()) throw vaultUnavailable();
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
