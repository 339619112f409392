import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, type ErrorCode, errorBody } from "./errors";
import { writeLog } from "./request-log";

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

/**
 * The one place errors become responses. Anything that is not an ApiError or a client-side
 * HTTPException is a bug: it is logged (without request bodies or headers, which may hold secrets)
 * and answered with a bare 500 that carries no internal detail.
 */
export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status, error.headers);
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.message.startsWith("Malformed JSON") ? "MALFORMED_JSON" : (CODES_BY_STATUS[error.status] ?? "BAD_REQUEST");
    return c.json(errorBody(code, error.message || "Bad request."), error.status);
  }
  writeLog("error", { requestId: c.get("requestId") as string | undefined, error: error.name, message: error.message });
  return c.json(errorBody("INTERNAL_ERROR", "Something went wrong on our side."), 500);
}
