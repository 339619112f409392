import type { AuthContext } from "../identity/caller";

/** Bindings declared in wrangler.toml (vars arrive as strings). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Secret: the one-time token that lets the owner create the first admin. */
  SETUP_TOKEN?: string;
  /** Secret: seals two-factor secrets at rest (AES-256-GCM, lib/vault.ts). `npm start` makes one for local runs. */
  VAULT_KEY?: string;
  /**
   * Secret: keys VAULT_KEY replaced, comma-separated. Values sealed under them still open and are re-sealed
   * under VAULT_KEY when used (or all at once: POST /api/admin/vault/reseal). README: Rotating VAULT_KEY.
   */
  VAULT_KEY_PREVIOUS?: string;
  /** "true": administrators must turn on two-factor sign-in before they can manage users. */
  REQUIRE_ADMIN_TWO_FACTOR?: string;
  /** Audit events older than this many days are purged by the daily Cron Trigger (default 365). */
  AUDIT_RETENTION_DAYS?: string;
  KEY_PREFIX?: string;
  KEY_CACHE_TTL_SECONDS?: string;
  MAX_KEYS_PER_USER?: string;
  /** Origins whose pages may call the API with a key: `*` (default) or a comma-separated list. */
  CORS_ORIGINS?: string;
  /** When set, no key lives longer than this many days (keys created without an expiry get this one). */
  MAX_KEY_LIFETIME_DAYS?: string;
  /** The Pinepods server behind the gateway (its base URL); empty = gateway off (src/services/gateway/, src/routes/gateway/). */
  ORIGIN_URL?: string;
  /** How long the origin may take to answer (headers), at most 30 seconds (the default). */
  ORIGIN_TIMEOUT_SECONDS?: string;
  /**
   * Workers Rate Limiting bindings ([[ratelimits]] in wrangler.toml). Optional: a deployment
   * without them runs unlimited rather than failing (see src/platform/rate-limits.ts).
   */
  SIGN_IN_USER_LIMITER?: RateLimit;
  SIGN_IN_ADDRESS_LIMITER?: RateLimit;
  KEY_FAILURE_LIMITER?: RateLimit;
  SETUP_LIMITER?: RateLimit;
}

/** Only waitUntil is needed; Hono's and workers-types' ExecutionContext types differ in the rest. */
export type WaitUntil = Pick<ExecutionContext, "waitUntil">;

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The pipeline's id of this request (X-Request-Id, the log line); undefined outside the pipeline (app.request in tests). */
    requestId: string | undefined;
    /** Set by the authenticate middleware when the request carries a valid session or key. */
    auth: AuthContext | undefined;
    /**
     * Set by routes that other origins may read without a key header: Pinepods' Basic-auth get_key
     * and its open endpoints (http/cors.ts). Their answers carry Access-Control-Allow-Origin too.
     */
    crossOrigin: boolean | undefined;
  };
}
