import { keyPrefix } from "../identity/key-format";
import type { Keyring } from "../lib/vault";
import type { Env } from "./env";

/**
 * The deployment's settings, parsed once from the environment's strings (wrangler.toml [vars] and
 * secrets) into numbers and lists with their defaults. Cached per env object: workerd hands every
 * request of an isolate the same one, so the parsing happens once per isolate, not once per request.
 */
export interface Config {
  /** Prefix of every key (`podk` by default): 1–16 lowercase letters or digits, starting with a letter. */
  keyPrefix: string;
  /** Seconds a verified key may be answered from the isolate's memory; 0 (the default) checks D1 every time. */
  keyCacheTtlSeconds: number;
  maxKeysPerUser: number;
  /** No key lives longer than this many days; null (the default) means no cap. */
  maxKeyLifetimeDays: number | null;
  /** Origins whose pages may call the API with a key: every origin, or this list (no trailing slash). */
  corsOrigins: "*" | ReadonlySet<string>;
  /** The one-time token that lets the owner create the first admin; undefined disables setup. */
  setupToken: string | undefined;
  /** Seals two-factor secrets at rest (lib/vault.ts); undefined: two-factor enrolment answers 503 NOT_CONFIGURED. */
  vaultKey: string | undefined;
  /** Keys VAULT_KEY replaced (VAULT_KEY_PREVIOUS, comma-separated): what they sealed still opens, and is re-sealed on use. */
  vaultKeysPrevious: readonly string[];
  /** Administrators must have two-factor sign-in on to manage users. */
  requireAdminTwoFactor: boolean;
  /** Audit events older than this many days are purged by the daily Cron Trigger. */
  auditRetentionDays: number;
}

const DEFAULT_MAX_KEYS_PER_USER = 100;
const DEFAULT_AUDIT_RETENTION_DAYS = 365;

const parsed = new WeakMap<Env, Config>();

export function config(env: Env): Config {
  let settings = parsed.get(env);
  if (!settings) parsed.set(env, (settings = parseConfig(env)));
  return settings;
}

export function parseConfig(env: Env): Config {
  return {
    // A misconfigured prefix throws: refusing to answer beats minting keys that secret scanners cannot find.
    keyPrefix: keyPrefix(env.KEY_PREFIX),
    keyCacheTtlSeconds: positiveNumber(env.KEY_CACHE_TTL_SECONDS) ?? 0,
    maxKeysPerUser: positiveNumber(env.MAX_KEYS_PER_USER) ?? DEFAULT_MAX_KEYS_PER_USER,
    maxKeyLifetimeDays: positiveNumber(env.MAX_KEY_LIFETIME_DAYS) ?? null,
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    setupToken: env.SETUP_TOKEN || undefined,
    vaultKey: env.VAULT_KEY || undefined,
    vaultKeysPrevious: (env.VAULT_KEY_PREVIOUS ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean),
    requireAdminTwoFactor: env.REQUIRE_ADMIN_TWO_FACTOR?.trim().toLowerCase() === "true",
    auditRetentionDays: positiveNumber(env.AUDIT_RETENTION_DAYS) ?? DEFAULT_AUDIT_RETENTION_DAYS,
  };
}

/** Unset, empty, zero, negative or not a number: undefined, so the caller's default applies. */
function positiveNumber(value: string | undefined): number | undefined {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

function parseOrigins(value: string | undefined): "*" | ReadonlySet<string> {
  const setting = value?.trim() || "*";
  if (setting === "*") return "*";
  return new Set(
    setting
      .split(",")
      .map((origin) => origin.trim().replace(/\/+$/, ""))
      .filter(Boolean),
  );
}

/** VAULT_KEY and VAULT_KEY_PREVIOUS as one keyring (lib/vault.ts); undefined without a VAULT_KEY. */
export function vaultKeyring(env: Env): Keyring | undefined {
  const { vaultKey, vaultKeysPrevious } = config(env);
  return vaultKey ? { current: vaultKey, previous: vaultKeysPrevious } : undefined;
}
