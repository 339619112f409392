import { z } from "zod";
import { ConfigError } from "../lib/errors";
import type { Keyring } from "../lib/vault";

/**
 * The deployment's environment — every var, secret and binding of wrangler.toml — described by one
 * zod schema, and the one module that reads it: everything else asks `config(env)` for a setting
 * (bindings such as DB are handed on as they are).
 *
 * Each setting is parsed from its own variable the first time a request needs it, then kept per env
 * object (workerd hands every request of an isolate the same one): a misconfigured variable fails only
 * the requests that need it — ORIGIN_TIMEOUT_SECONDS=abc fails what goes to the origin, while keys,
 * sessions and the settings page keep working. Such a request answers 503 MISCONFIGURED, and the log
 * line names the variable and what is wrong with it, never its value (it may be a secret).
 */

/** A number variable: unset or empty → the fallback; anything else must be a number in [min, max]. */
function numberVar<F extends number | null>(min: number, max: number, fallback: F, rule: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number | F => {
      const text = raw?.trim();
      if (!text) return fallback;
      const value = Number(text);
      if (!Number.isFinite(value) || value < min || value > max) {
        ctx.addIssue({ code: "custom", message: `must be ${rule}` });
        return z.NEVER;
      }
      return value;
    });
}

/** A true/false variable: unset or empty → the fallback. */
const booleanVar = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((raw) => raw?.trim().toLowerCase() ?? "")
    .refine((value) => ["", "true", "false"].includes(value), "must be true or false")
    .transform((value) => (value === "" ? fallback : value === "true"));

/** A secret or token: unset, empty or blank → undefined (the feature it enables is off). */
const secretVar = z
  .string()
  .optional()
  .transform((raw) => (raw?.trim() ? raw : undefined));

const binding = <T>(what: string) =>
  z.custom<T>((value) => typeof value === "object" && value !== null, { message: `must be a ${what} binding` });

const KEY_PREFIX_PATTERN = /^[a-z][a-z0-9]{0,15}$/;
const MAX_ORIGIN_TIMEOUT_SECONDS = 30;

/** Each setting with the one variable it is read from. */
const SETTINGS = {
  /** Prefix of every key (`podk` by default). A bad one refuses rather than mints keys that secret scanners cannot find. */
  keyPrefix: [
    "KEY_PREFIX",
    z
      .string()
      .optional()
      .transform((raw) => raw?.trim() || "podk")
      .refine((prefix) => KEY_PREFIX_PATTERN.test(prefix), "must be 1–16 lowercase letters or digits, starting with a letter"),
  ],
  /** Seconds a verified key may be answered from the isolate's memory; 0 (the default) checks D1 every time. */
  keyCacheTtlSeconds: ["KEY_CACHE_TTL_SECONDS", numberVar(0, 86_400, 0, "0–86400 (seconds; 0 turns the key cache off)")],
  maxKeysPerUser: ["MAX_KEYS_PER_USER", numberVar(1, 100_000, 100, "a number from 1 to 100000")],
  /** No key lives longer than this many days; null (unset, the default) means no cap. */
  maxKeyLifetimeDays: ["MAX_KEY_LIFETIME_DAYS", numberVar(1, 36_500, null, "a number of days from 1 to 36500, or empty for no cap")],
  /** Origins whose pages may call the API with a key: every origin, or this list (no trailing slash). */
  corsOrigins: [
    "CORS_ORIGINS",
    z
      .string()
      .optional()
      .transform((raw): "*" | ReadonlySet<string> => {
        const setting = raw?.trim() || "*";
        if (setting === "*") return "*";
        return new Set(
          setting
            .split(",")
            .map((origin) => origin.trim().replace(/\/+$/, ""))
            .filter(Boolean),
        );
      }),
  ],
  /** The one-time token that lets the owner create the first admin; undefined disables setup. */
  setupToken: ["SETUP_TOKEN", secretVar],
  /** Seals two-factor secrets and origin keys at rest (lib/vault.ts); undefined: those features answer 503. */
  vaultKey: ["VAULT_KEY", secretVar],
  /** Keys VAULT_KEY replaced (VAULT_KEY_PREVIOUS, comma-separated): what they sealed still opens, and is re-sealed on use. */
  vaultKeysPrevious: [
    "VAULT_KEY_PREVIOUS",
    z
      .string()
      .optional()
      .transform((raw): readonly string[] =>
        (raw ?? "")
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      ),
  ],
  /** Administrators must have two-factor sign-in on to manage users. */
  requireAdminTwoFactor: ["REQUIRE_ADMIN_TWO_FACTOR", booleanVar(false)],
  /**
   * Whether key checks record lastUsedAt and the daily counts (services/keys/key-usage.ts); on by default.
   * "false" turns usage off (the bench's row without it, or a deployment that wants no usage data).
   */
  recordKeyUsage: ["RECORD_KEY_USAGE", booleanVar(true)],
  /** Audit events older than this many days are purged by the daily Cron Trigger. */
  auditRetentionDays: ["AUDIT_RETENTION_DAYS", numberVar(1, 36_500, 365, "a number of days from 1 to 36500")],
  /** The Pinepods server behind the gateway (its base URL, no trailing slash); undefined: the gateway is off. */
  originUrl: [
    "ORIGIN_URL",
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const text = raw?.trim();
        if (!text) return undefined;
        const url = URL.canParse(text) ? new URL(text) : undefined;
        if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
          ctx.addIssue({ code: "custom", message: "must be an http or https URL, or empty to turn the gateway off" });
          return z.NEVER;
        }
        return url.href.replace(/\/+$/, "");
      }),
  ],
  /** How long the origin may take to answer (headers): at most 30 seconds, the default. */
  originTimeoutMs: [
    "ORIGIN_TIMEOUT_SECONDS",
    numberVar(1, MAX_ORIGIN_TIMEOUT_SECONDS, MAX_ORIGIN_TIMEOUT_SECONDS, `1–${MAX_ORIGIN_TIMEOUT_SECONDS} (seconds)`).transform(
      (seconds) => seconds * 1000,
    ),
  ],
  /**
   * ORIGIN_ACCOUNTS, used only with ORIGIN_URL set: `create` (the default) lets a username with no Podkeys
   * account sign in with its Pinepods password or single sign-on, making its account at the first sign-in;
   * `off` keeps accounts to those an administrator makes. Any other value fails closed (503 MISCONFIGURED).
   */
  originAccounts: [
    "ORIGIN_ACCOUNTS",
    z
      .string()
      .optional()
      .transform((raw) => raw?.trim().toLowerCase() || "create")
      .refine((value): value is "create" | "off" => value === "create" || value === "off", "must be create or off"),
  ],
  /** Hosts a notification target (an ntfy topic URL) may name: `ntfy.sh` by default; `http://host` also allows plain http. */
  notifyAllowedHosts: ["NOTIFY_ALLOWED_HOSTS", z.string().optional().transform(parseAllowedHosts)],
  /** Where GitHub publishes the keys that sign secret-scanning alerts (services/leaks/github-signature.ts). */
  githubScanningKeysUrl: [
    "GITHUB_SCANNING_KEYS_URL",
    z
      .string()
      .optional()
      .transform((raw) => raw?.trim() || "https://api.github.com/meta/public_keys/secret_scanning")
      .refine((url) => URL.canParse(url), "must be a URL"),
  ],
  /** The shared secret a self-managed GitLab sends to the token revocation API; undefined: that API answers 401. */
  gitlabRevocationToken: ["GITLAB_REVOCATION_TOKEN", secretVar],
  /**
   * How often an open WebSocket through the gateway checks its key again (services/gateway/websocket.ts):
   * the bound on how long it outlives a deleted or disabled key. 30 seconds by default.
   */
  webSocketRecheckMs: ["WEBSOCKET_RECHECK_SECONDS", numberVar(1, 3600, 30, "1–3600 (seconds)").transform((seconds) => seconds * 1000)],
} as const;

/** host (with its port, if any) → whether plain http is allowed for it. */
export type AllowedHosts = ReadonlyMap<string, { http: boolean }>;

type Settings = typeof SETTINGS;
export type Config = { readonly [K in keyof Settings]: z.output<Settings[K][1]> };

/**
 * Workers Rate Limiting bindings ([[ratelimits]] in wrangler.toml). Optional: a deployment without
 * them runs unlimited rather than failing (see src/http/rate-limits.ts).
 */
const LIMITERS = {
  SIGN_IN_USER_LIMITER: binding<RateLimit>("Rate Limiting").optional(),
  SIGN_IN_ADDRESS_LIMITER: binding<RateLimit>("Rate Limiting").optional(),
  KEY_FAILURE_LIMITER: binding<RateLimit>("Rate Limiting").optional(),
  SETUP_LIMITER: binding<RateLimit>("Rate Limiting").optional(),
  /** Public leak reports and GitLab revocation calls per client address (routes/leaks/). */
  LEAK_REPORT_LIMITER: binding<RateLimit>("Rate Limiting").optional(),
};

/** The whole environment: every binding, and every variable as the string wrangler hands over. */
export const EnvSchema = z.object({
  DB: binding<D1Database>("D1"),
  ASSETS: binding<Fetcher>("Fetcher").optional(),
  ...LIMITERS,
  /** One Durable Object per rate-limited key (services/keys/key-rate-limiter.ts); only keys with a rateLimit call it. */
  KEY_RATE_LIMITER: binding<DurableObjectNamespace>("Durable Object").optional(),
  ...(Object.fromEntries(Object.values(SETTINGS).map(([name]) => [name, z.string().optional()])) as {
    [K in keyof Settings as Settings[K][0]]: z.ZodOptional<z.ZodString>;
  }),
});

/** The Worker's `env`, derived from the schema (vars arrive as strings, bindings as their runtime objects). */
export type Env = z.input<typeof EnvSchema>;

const configs = new WeakMap<Env, Config>();

/**
 * The deployment's settings, each parsed from its variable on first use and kept per env object.
 * Reading a misconfigured setting throws ConfigError ("ORIGIN_TIMEOUT_SECONDS must be 1–30 (seconds)"),
 * which the error renderer answers as 503 MISCONFIGURED. After the first read, a setting costs a getter.
 */
export function config(env: Env): Config {
  let settings = configs.get(env);
  if (!settings) configs.set(env, (settings = lazySettings(env)));
  return settings;
}

function lazySettings(env: Env): Config {
  const settings = {};
  for (const setting of Object.keys(SETTINGS) as (keyof Settings)[]) {
    let entry: { value: unknown } | { error: ConfigError } | undefined;
    Object.defineProperty(settings, setting, {
      enumerable: true,
      get() {
        entry ??= parseSetting(env, setting);
        if ("error" in entry) throw entry.error;
        return entry.value;
      },
    });
  }
  return settings as Config;
}

function parseSetting(env: Env, setting: keyof Settings): { value: unknown } | { error: ConfigError } {
  const [variable, schema] = SETTINGS[setting];
  const result = (schema as z.ZodType).safeParse(env[variable]);
  if (result.success) return { value: result.data };
  return { error: new ConfigError(variable, result.error.issues[0]?.message ?? "is not valid") };
}

/** Every setting at once, or the first misconfigured variable's error (for tests and a start-up check). */
export function parseConfig(env: Env): Config {
  const settings = config(env);
  return Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, settings[name as keyof Settings]])) as Config;
}

/** A Rate Limiting binding, where the deployment has one. */
export function limiter(env: Env, name: keyof typeof LIMITERS): RateLimit | undefined {
  return env[name];
}

/** VAULT_KEY and VAULT_KEY_PREVIOUS as one keyring (lib/vault.ts); undefined without a VAULT_KEY. */
export function vaultKeyring(env: Env): Keyring | undefined {
  const { vaultKey, vaultKeysPrevious } = config(env);
  return vaultKey ? { current: vaultKey, previous: vaultKeysPrevious } : undefined;
}

/** `ntfy.sh,http://ntfy.local:8080`: a bare host allows https; `http://host` allows both. Default: ntfy.sh. */
function parseAllowedHosts(value: string | undefined): AllowedHosts {
  const hosts = new Map<string, { http: boolean }>();
  for (const entry of (value?.trim() || "ntfy.sh").split(",")) {
    const item = entry.trim().toLowerCase().replace(/\/+$/, "");
    if (!item) continue;
    const http = item.startsWith("http://");
    const host = item.replace(/^https?:\/\//, "");
    hosts.set(host, { http: http || hosts.get(host)?.http === true });
  }
  return hosts;
}
