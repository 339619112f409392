import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../lib/errors";

export const MAX_BODY_BYTES = 16 * 1024;

/** Bodies over 16 KB are refused before they are read into memory. */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is larger than 16 KB.");
  },
});

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Every body this API reads is JSON. A body of another type is refused with 415 rather than
 * silently ignored (Hono's validator would otherwise skip it and report missing fields).
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  const method = c.req.method;
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    const hasBody = c.req.raw.body !== null && c.req.header("content-length") !== "0";
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
    if (hasBody && !JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json.");
    }
  }
  await next();
};
