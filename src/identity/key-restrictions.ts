import type { Role, Scope } from "../db/schema";
import { type CompiledFence, compileFence, type NetworkFence } from "../lib/network-fence";
import { normalizePermissions, type Permissions, scopePermissions } from "./permissions";

/** What narrows a key, as checks use it: effective permissions, feed podcasts, the fence (compiled once), the limit. */
export interface KeyRestrictions {
  permissions: Permissions;
  podcastIds: number[] | null;
  network: NetworkFence | null;
  fence: CompiledFence | null;
  rateLimit: { requests: number; periodSeconds: number } | null;
}

/** The stored columns (parsed JSON, or null) → the key's restrictions. Keys made before permissions existed: their scope. */
export function keyRestrictions(
  stored: {
    permissions: Permissions | null;
    podcastIds: number[] | null;
    network: NetworkFence | null;
    rateLimit: KeyRestrictions["rateLimit"];
  },
  scope: Scope,
  role: Role,
): KeyRestrictions {
  return {
    permissions: normalizePermissions(stored.permissions ?? scopePermissions(scope, role), role),
    podcastIds: stored.podcastIds,
    network: stored.network,
    fence: stored.network ? compileFence(stored.network) : null,
    rateLimit: stored.rateLimit,
  };
}

/** The same, from D1's raw row on the hot path (JSON as text). */
export function parseRestrictions(
  row: { permissions: string | null; podcastIds: string | null; network: string | null; rateLimit: string | null },
  scope: Scope,
  role: Role,
): KeyRestrictions {
  const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
  return keyRestrictions(
    {
      permissions: parse(row.permissions),
      podcastIds: parse(row.podcastIds),
      network: parse(row.network),
      rateLimit: parse(row.rateLimit),
    },
    scope,
    role,
  );
}

/** The restrictions as answers show them (no compiled fence). */
export function restrictionsView({ permissions, podcastIds, network, rateLimit }: KeyRestrictions) {
  return { permissions, podcastIds, network, rateLimit };
}
