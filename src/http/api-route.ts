import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { ERROR_CODE_LIST } from "../lib/errors";
import { type Requirement, requireAuth } from "./require-auth";
import { requireRecentAuthentication } from "./step-up";

/**
 * Every operation is declared through apiRoute(), so what the pipeline does to every request is
 * declared once, here, rather than retyped per route: who may call (the same value both enforces
 * and documents it), the error answers the middleware can give (401/403/429 for authenticated
 * calls, 400/413/415 where a body is read, 403 CSRF on writes), `Retry-After` on 429,
 * `X-Request-Id` on every answer and `Set-Cookie` where a session starts.
 */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_LIST).openapi({ example: "VALIDATION_ERROR" }),
      message: z.string().openapi({ example: "Invalid json: name: Too small" }),
      requestId: z
        .string()
        .openapi({ example: "0f6e5e0c-8d5a-4b8e-9a54-3f1f2b7f9a10", description: "This request's id: the same as `X-Request-Id`." }),
    }),
  })
  .openapi("Error");

/** Response headers, published once under components/headers (openapi-document.ts) and referenced from each answer. */
export const RESPONSE_HEADERS = {
  RequestId: { description: "This request's id, also in the Worker's log line.", schema: { type: "string", format: "uuid" } },
  RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
  SessionCookie: { description: "The session cookie (`podkeys_session`, HttpOnly, SameSite=Lax).", schema: { type: "string" } },
  D1Bookmark: {
    description: "D1 bookmark of what this request read or wrote: send it back (header or cookie) to read your own writes from a replica.",
    schema: { type: "string" },
  },
  BookmarkCookie: {
    description: "The same bookmark as a cookie (`podkeys_d1_bookmark`, HttpOnly, path /api).",
    schema: { type: "string" },
  },
} as const;
const ref = (name: keyof typeof RESPONSE_HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** The security schemes of the document, by name (registered in openapi-document.ts). */
type Security = Array<Record<string, string[]>>;
const KEY_SCHEMES: Security = [{ bearer: [] }, { xApiKey: [] }, { apiKey: [] }];
const SESSION: Security = [{ session: [] }];

const DESCRIPTIONS = {
  400: "The request is malformed or fails validation.",
  401: "Not signed in, or the credentials or key are not valid.",
  403: "Not allowed: a key where a session is needed, a read-scope key, not an administrator, or a cross-site write (CSRF).",
  404: "No such resource (or not yours).",
  405: "This method is not allowed here.",
  409: "Conflicts with the current state.",
  413: "The body is larger than 16 KB.",
  415: "The body is not JSON.",
  429: "Too many attempts; retry after the number of seconds in `Retry-After`.",
  502: "The podcast server behind the gateway could not be reached or answered with an error; retry after `Retry-After`.",
  503: "A dependency (the database) is unavailable right now; retry after the number of seconds in `Retry-After`.",
  504: "The podcast server behind the gateway did not answer in time; retry after `Retry-After`.",
} as const;
export type ErrorStatus = keyof typeof DESCRIPTIONS;

/** What a step-up operation's 403 adds (http/step-up.ts): "always" asks every session; "keyManagement" only for a key that manages keys. */
const STEP_UP_403 = {
  always:
    " Also `REAUTHENTICATION_REQUIRED` (step-up): a session must have given its password or a two-factor code within the last 10 minutes; POST /api/auth/reauthenticate, then send the request again.",
  keyManagement:
    " Also `REAUTHENTICATION_REQUIRED` (step-up) when a session creates, rolls or re-enables a key that manages keys (`keys: write`) or administers (`admin`): it must have given its password or a two-factor code within the last 10 minutes; POST /api/auth/reauthenticate, then send the request again. A key caller is not asked.",
} as const;
export type StepUp = keyof typeof STEP_UP_403;

function errorResponse(status: ErrorStatus, stepUp?: StepUp) {
  const retry = status === 429 || status === 502 || status === 503 || status === 504;
  const headers = retry ? { "X-Request-Id": ref("RequestId"), "Retry-After": ref("RetryAfter") } : { "X-Request-Id": ref("RequestId") };
  const description = status === 403 && stepUp ? `${DESCRIPTIONS[403]}${STEP_UP_403[stepUp]}` : DESCRIPTIONS[status];
  return { description, headers, content: { "application/json": { schema: ErrorSchema } } };
}

/**
 * `public`: no credentials (`security: []`). `basic`: HTTP Basic, checked by the handler.
 * Otherwise the requireAuth requirement: a session, and keys too when `keys` is set.
 */
export type Access = "public" | "basic" | Requirement;

type Extras = "operationId" | "access" | "rateLimited" | "setsCookie" | "bookmark" | "errors" | "middleware" | "stepUp";
export type ApiRouteConfig = Omit<RouteConfig, "security" | "middleware" | "operationId"> & {
  /** Stable camelCase name: generated clients name their methods after it. */
  operationId: string;
  access: Access;
  /** A public operation behind a rate limiter (authenticated ones always are: failed key checks are limited). */
  rateLimited?: boolean;
  /** The success answer starts (or ends) a session. */
  setsCookie?: boolean;
  /** The success answer carries the D1 session's bookmark (src/platform/d1-session.ts). */
  bookmark?: boolean;
  /** The errors this operation's own logic answers with; the pipeline's are added from the rest of the config. */
  errors?: ErrorStatus[];
  /** Route-specific middleware, run before the handler (after requireAuth where there is one). */
  middleware?: MiddlewareHandler[];
  /**
   * Step-up (http/step-up.ts), documented on the 403: "always" runs requireRecentAuthentication after
   * requireAuth; "keyManagement" only documents it, for handlers that ask when the key concerned manages keys.
   */
  stepUp?: StepUp;
};

export function apiRoute<P extends string, R extends Omit<ApiRouteConfig, "path"> & { path: P }>(config: R) {
  const { operationId, access, rateLimited = false, setsCookie = false, bookmark = false, errors = [], stepUp, ...rest } = config;
  const { middleware: own = [], ...route } = rest;
  const middleware = stepUp === "always" ? [requireRecentAuthentication, ...own] : own;
  const authenticated = access !== "public" && access !== "basic";
  const statuses = new Set<ErrorStatus>(errors);
  if (route.request?.body) for (const s of [400, 413, 415] as const) statuses.add(s);
  if (route.request?.params || route.request?.query) statuses.add(400);
  if (route.method !== "get" && route.method !== "head") statuses.add(403); // the CSRF guard
  if (access === "basic") statuses.add(401);
  // requireAuth: a missing or bad credential (401), a refused one (403), an over-long key header (400),
  // too many failed key checks from one address (429), and a key check that cannot reach D1 (503).
  if (authenticated) for (const s of [400, 401, 403, 429, 503] as const) statuses.add(s);
  if (rateLimited) statuses.add(429);

  const success = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => {
      const headers = {
        "X-Request-Id": ref("RequestId"),
        ...(setsCookie ? { "Set-Cookie": ref("SessionCookie") } : {}),
        ...(bookmark ? { "X-D1-Bookmark": ref("D1Bookmark"), "Set-Cookie": ref("BookmarkCookie") } : {}),
      };
      return [status, "$ref" in response ? response : { ...response, headers: { ...headers, ...response.headers } }];
    }),
  );
  const failures = Object.fromEntries([...statuses].sort().map((status) => [status, errorResponse(status, stepUp)]));

  return createRoute({
    ...route,
    operationId,
    security: access === "public" ? [] : access === "basic" ? [{ basic: [] }] : access.keys ? [...SESSION, ...KEY_SCHEMES] : SESSION,
    middleware: authenticated ? [requireAuth(access), ...middleware] : middleware,
    responses: { ...failures, ...success },
  }) as unknown as Omit<R, Extras> & { operationId: string; getRoutingPath(): string };
}
