import type { AuthContext } from "./auth/auth-context";

/** Bindings declared in wrangler.toml (vars arrive as strings). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Secret: the one-time token that lets the owner create the first admin. */
  SETUP_TOKEN?: string;
  KEY_PREFIX?: string;
  KEY_CACHE_TTL_SECONDS?: string;
  MAX_KEYS_PER_USER?: string;
  /** When set, no key lives longer than this many days (keys created without an expiry get this one). */
  MAX_KEY_LIFETIME_DAYS?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by the authenticate middleware when the request carries a valid session or key. */
    auth: AuthContext | undefined;
  };
}
