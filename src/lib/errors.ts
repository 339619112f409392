import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The closed set of error codes a client can see, each with the one HTTP status it is answered with.
 * Everything else is derived from this table: the ErrorCode type, the OpenAPI enum of `error.code`
 * (ERROR_CODE_LIST), and the status of every ApiError, so a code cannot be answered with two statuses.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  VALIDATION_ERROR: 400,
  MALFORMED_JSON: 400,
  WRONG_PASSWORD: 400,
  /** The Pinepods server refused the username and password given to link it (nothing is stored). */
  ORIGIN_CREDENTIALS_REJECTED: 400,
  /** A wrong two-factor code (sign-in's second step, confirming, turning off); 400, never 401, so the page keeps its session. */
  INVALID_TWO_FACTOR_CODE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_KEY: 401,
  KEY_EXPIRED: 401,
  KEY_DISABLED: 401,
  /** The key was reported leaked (a secret scanner or a public report) and is revoked for good (src/leaks/). */
  KEY_LEAKED: 401,
  /** A secret-scanning alert whose signature does not verify, or a revocation call without the shared secret. */
  INVALID_SIGNATURE: 401,
  /** The mfa token of a two-factor sign-in is unknown, expired (5 minutes) or already used. */
  INVALID_MFA_TOKEN: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  ORIGIN_NOT_ALLOWED: 403,
  SESSION_REQUIRED: 403,
  SETUP_DISABLED: 403,
  INVALID_SETUP_TOKEN: 403,
  CSRF: 403,
  /** The key may not reach this: another Pinepods user's data, or a podcast outside a feed key's list. */
  KEY_NOT_ALLOWED: 403,
  /** The request comes from outside the key's network fence (countries, ASNs, CIDR ranges). */
  KEY_NETWORK_REFUSED: 403,
  /** REQUIRE_ADMIN_TWO_FACTOR: an administrator without two-factor sign-in may not manage users. */
  TWO_FACTOR_REQUIRED: 403,
  /** A sensitive change (two-factor on or off, linking the podcast server…) needs the password or a code from the last 10 minutes. */
  REAUTHENTICATION_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ALREADY_SET_UP: 409,
  USERNAME_TAKEN: 409,
  LAST_ADMIN: 409,
  KEY_LIMIT_REACHED: 409,
  /** The gateway is off (ORIGIN_URL empty): there is no podcast server to link. */
  ORIGIN_NOT_CONFIGURED: 409,
  /** The key is fine, but its owner has not linked a Pinepods account: nothing to forward with. */
  ORIGIN_NOT_LINKED: 409,
  /** The Pinepods server refused the sealed origin key (deleted there): the person signs in again to renew it. */
  ORIGIN_LINK_REVOKED: 409,
  /** The account comes from Pinepods: its password lives there (no Podkeys password to reset or change). */
  PASSWORD_AT_ORIGIN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  /** A dependency (D1) failed: temporary, so it comes with Retry-After; clients such as Home Assistant retry on 503. */
  SERVICE_UNAVAILABLE: 503,
  /** The Pinepods server behind the gateway answered with an error, or could not be reached; or took too long. */
  ORIGIN_ERROR: 502,
  ORIGIN_UNREACHABLE: 502,
  /** The Pinepods server answered Podkeys' own call (linking) with something it must not follow or believe: a redirect. */
  ORIGIN_BAD_ANSWER: 502,
  ORIGIN_TIMEOUT: 504,
  /** A feature needs a secret this deployment lacks (VAULT_KEY for two-factor sign-in). */
  NOT_CONFIGURED: 503,
  /** A variable this request needs is set to something invalid (the log names it and what is wrong). */
  MISCONFIGURED: 503,
  /** A sealed value (a TOTP secret, an origin key) opens with neither VAULT_KEY nor any VAULT_KEY_PREVIOUS. */
  VAULT_KEY_MISMATCH: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Every code, for `z.enum(...)` in the published error schema. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** An account from Pinepods (README "Accounts") has no Podkeys password to change or reset. */
export const passwordAtOrigin = () =>
  new ApiError("PASSWORD_AT_ORIGIN", "This account signs in with its Pinepods password: change it in Pinepods.");

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. `Retry-After` on a 429 or 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_CODES[code];
  }
}

/**
 * The one error body. `requestId` equals the answer's `X-Request-Id` and the request's log line: users
 * paste bodies into bug reports, not headers. Absent only outside the pipeline (app.request in tests).
 */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string };
}

export function errorBody(code: ErrorCode, message: string, requestId?: string): ErrorBody {
  return { error: { code, message, requestId } };
}

export const notFound = (what = "Resource") => new ApiError("NOT_FOUND", `${what} not found.`);

/** D1 may be briefly unreachable (an overloaded primary, a deploy, a migration): clients come back this soon. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * A dependency failed (D1): 503 with Retry-After, so clients retry instead of giving up. The failure
 * itself rides along as `cause`, for the error log line to name its kind; its message never reaches
 * the answer or the log (a driver's message carries SQL and its parameters).
 */
export function serviceUnavailable(message: string, retryAfterSeconds: number, cause: unknown): ApiError {
  const error = new ApiError("SERVICE_UNAVAILABLE", `${message} Try again in ${retryAfterSeconds} seconds.`, {
    "Retry-After": String(retryAfterSeconds),
  });
  error.cause = cause;
  return error;
}

/**
 * Whether a thrown value is D1 failing (its driver's `D1_…` errors, or drizzle's DrizzleQueryError
 * around one): anywhere in the Worker, such a failure is a dependency's, answered 503 with Retry-After
 * by the error renderer (fail closed), never 500 and never the driver's message.
 */
export function isDatabaseFailure(error: unknown): boolean {
  for (let depth = 0; error instanceof Error && depth < 4; depth++) {
    if (error.message.startsWith("D1_") || error.constructor?.name === "DrizzleQueryError") return true;
    error = error.cause;
  }
  return false;
}

/**
 * A variable of the environment is set to something invalid: names the variable and the rule it breaks
 * ("ORIGIN_TIMEOUT_SECONDS must be 1–30 (seconds)"), never its value — it may be a secret.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

/** A misconfiguration is not fixed in seconds: clients are told to come back in five minutes. */
export const MISCONFIGURED_RETRY_AFTER_SECONDS = 300;

export function misconfigured(cause: ConfigError): ApiError {
  const error = new ApiError("MISCONFIGURED", "This Podkeys is misconfigured; its administrator can read which setting in its log.", {
    "Retry-After": String(MISCONFIGURED_RETRY_AFTER_SECONDS),
  });
  error.cause = cause;
  return error;
}
