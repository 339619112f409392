import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The closed set of error codes a client can see. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION_ERROR"
  | "MALFORMED_JSON"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "UNAUTHENTICATED"
  | "INVALID_CREDENTIALS"
  | "INVALID_KEY"
  | "KEY_EXPIRED"
  | "KEY_DISABLED"
  | "INSUFFICIENT_SCOPE"
  | "WRONG_PASSWORD"
  | "FORBIDDEN"
  | "ORIGIN_NOT_ALLOWED"
  | "SESSION_REQUIRED"
  | "SETUP_DISABLED"
  | "INVALID_SETUP_TOKEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "ALREADY_SET_UP"
  | "USERNAME_TAKEN"
  | "LAST_ADMIN"
  | "KEY_LIMIT_REACHED"
  | "RATE_LIMITED"
  | "CSRF"
  | "ORIGIN_NOT_CONFIGURED"
  | "ORIGIN_NOT_LINKED"
  | "ORIGIN_CREDENTIALS_REJECTED"
  | "ORIGIN_ERROR"
  | "ORIGIN_UNREACHABLE"
  | "ORIGIN_TIMEOUT"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_ERROR";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

export const notFound = (what = "Resource") => new ApiError(404, "NOT_FOUND", `${what} not found.`);
