import { HTTPException } from "hono/http-exception";
import { ApiError, type ErrorCode, errorBody } from "../lib/errors";
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

/**
 * The one place errors become responses, for every path (the Hono app's onError and the pipeline
 * around everything). An ApiError is answered as it says; a client-side HTTPException (malformed
 * JSON…) with its status; anything else is a bug or a failing dependency: a bare 500 with no internal
 * detail. Every 5xx writes one error log line with the error's kind and the request id — never its
 * message, which for a failed query is `Failed query: <sql> params: <values>`.
 */
export function renderError(error: unknown, requestId: string | undefined): Response {
  if (error instanceof ApiError) {
    if (error.status >= 500)
      writeLog("error", { requestId, code: error.code, error: errorName(error.cause ?? error), message: DEPENDENCY_ERROR_LOG });
    return json(error.status, error.code, error.message, error.headers);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.message.startsWith("Malformed JSON") ? "MALFORMED_JSON" : (CODES_BY_STATUS[error.status] ?? "BAD_REQUEST");
    return json(error.status, code, error.message || "Bad request.");
  }
  writeLog("error", { requestId, error: errorName(error), message: INTERNAL_ERROR_LOG });
  return json(500, "INTERNAL_ERROR", "Something went wrong on our side.");
}

function json(status: number, code: ErrorCode, message: string, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(errorBody(code, message)), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
