import { HTTPException } from "hono/http-exception";
import {
  ApiError,
  ConfigError,
  DEPENDENCY_RETRY_AFTER_SECONDS,
  type ErrorCode,
  errorBody,
  isDatabaseFailure,
  misconfigured,
  serviceUnavailable,
} from "../lib/errors";
import { errorName, writeLog } from "../lib/log";

const CODES_BY_STATUS: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

/** What an error log line says, whatever failed: a fixed sentence. The error's own message stays out. */
const INTERNAL_ERROR_LOG = "Request failed with an unexpected error";
const DEPENDENCY_ERROR_LOG = "Request failed: a dependency is unavailable";
const CONFIG_ERROR_LOG = "Request failed: a setting this request needs is misconfigured";

/**
 * The one place errors become responses, for every path (the Hono app's onError and the pipeline
 * around everything). An ApiError is answered as it says; a client-side HTTPException (malformed
 * JSON…) with its status; anything else is a bug or a failing dependency: a bare 500 with no internal
 * detail. D1 failing, on any path (a session cookie, sign-in, setup, a link lookup), is a dependency's
 * failure: 503 SERVICE_UNAVAILABLE with Retry-After, so clients retry (fail closed, never a 500).
 * Every 5xx writes one error log line with the error's kind and the request id — never its message,
 * which for a failed query is `Failed query: <sql> params: <values>`.
 */
export function renderError(thrown: unknown, requestId: string | undefined): Response {
  const error =
    !(thrown instanceof ApiError) && isDatabaseFailure(thrown)
      ? serviceUnavailable("The service is temporarily unavailable.", DEPENDENCY_RETRY_AFTER_SECONDS, thrown)
      : thrown instanceof ConfigError
        ? misconfigured(thrown)
        : thrown;
  if (error instanceof ApiError) {
    if (error.status >= 500) {
      // A misconfigured variable: the line names it and the rule it breaks (never its value).
      const config = error.cause instanceof ConfigError ? { config: error.cause.message } : {};
      const message = error.cause instanceof ConfigError ? CONFIG_ERROR_LOG : DEPENDENCY_ERROR_LOG;
      writeLog("error", { requestId, code: error.code, error: errorName(error.cause ?? error), message, ...config });
    }
    return json(error.status, error.code, error.message, requestId, error.headers);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.message.startsWith("Malformed JSON") ? "MALFORMED_JSON" : (CODES_BY_STATUS[error.status] ?? "BAD_REQUEST");
    return json(error.status, code, error.message || "Bad request.", requestId);
  }
  writeLog("error", { requestId, error: errorName(error), message: INTERNAL_ERROR_LOG });
  return json(500, "INTERNAL_ERROR", "Something went wrong on our side.", requestId);
}

function json(status: number, code: ErrorCode, message: string, requestId: string | undefined, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(errorBody(code, message, requestId)), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
