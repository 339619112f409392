import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { errorResponses, jsonBody, jsonResponse, SessionSecurity } from "../lib/schemas";

/** Your two-factor sign-in (TOTP). Session only: a key gets 403 SESSION_REQUIRED. */
const tags = ["Two-factor sign-in"];
const sessionOnly = { tags, security: SessionSecurity, middleware: [requireAuth()] };
const CodeBody = z.object({ code: z.string().max(32).openapi({ example: "123456" }) });

export const twoFactorStatusRoute = createRoute({
  ...sessionOnly,
  method: "get",
  path: "/",
  summary: "Whether two-factor sign-in is on, and how many recovery codes are left",
  responses: {
    200: jsonResponse(z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() }).openapi("TwoFactorStatus"), "Your two-factor state"),
    ...errorResponses(401, 403, 429),
  },
});

export const enrolTwoFactorRoute = createRoute({
  ...sessionOnly,
  method: "post",
  path: "/",
  summary: "Start enrolment: a new TOTP secret (shown this once), pending until confirmed",
  responses: {
    200: jsonResponse(
      z.object({ secret: z.string().openapi({ description: "Base32, for manual entry." }), otpauthUrl: z.string().openapi({ description: "For the QR code." }) }).openapi("TwoFactorEnrolment"),
      "The pending secret",
    ),
    ...errorResponses(401, 403, 409, 429),
  },
});

export const confirmTwoFactorRoute = createRoute({
  ...sessionOnly,
  method: "post",
  path: "/confirm",
  summary: "Confirm with a code from the app: two-factor is on; the recovery codes are in this answer only",
  request: { body: jsonBody(CodeBody.openapi("TwoFactorCodeRequest")) },
  responses: {
    200: jsonResponse(z.object({ recoveryCodes: z.array(z.string()) }).openapi("RecoveryCodes"), "Ten single-use recovery codes"),
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
  },
});

export const disableTwoFactorRoute = createRoute({
  ...sessionOnly,
  method: "delete",
  path: "/",
  summary: "Turn two-factor off, with a TOTP or recovery code",
  request: { body: jsonBody(CodeBody) },
  responses: { 204: { description: "Off" }, ...errorResponses(400, 401, 403, 409, 413, 415, 429) },
});
