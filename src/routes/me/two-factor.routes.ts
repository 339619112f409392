import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { jsonBody, jsonResponse } from "../../lib/schemas";

/** Your two-factor sign-in (TOTP). Session only: a key gets 403 SESSION_REQUIRED. */
const tags = ["Two-factor sign-in"];
const sessionOnly = { tags, access: {} };
const CodeBody = z.object({ code: z.string().max(32).openapi({ example: "123456" }) });

export const twoFactorStatusRoute = apiRoute({
  ...sessionOnly,
  operationId: "getTwoFactorStatus",
  method: "get",
  path: "/",
  summary: "Whether two-factor sign-in is on, and how many recovery codes are left",
  responses: {
    200: jsonResponse(
      z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() }).openapi("TwoFactorStatus"),
      "Your two-factor state",
    ),
  },
});

export const enrolTwoFactorRoute = apiRoute({
  ...sessionOnly,
  operationId: "enrolTwoFactor",
  method: "post",
  path: "/",
  summary: "Start enrolment: a new TOTP secret (shown this once), pending until confirmed",
  responses: {
    200: jsonResponse(
      z
        .object({
          secret: z.string().openapi({ description: "Base32, for manual entry." }),
          otpauthUrl: z.string().openapi({ description: "For the QR code." }),
        })
        .openapi("TwoFactorEnrolment"),
      "The pending secret",
    ),
  },
  errors: [409],
  stepUp: "always",
});

export const confirmTwoFactorRoute = apiRoute({
  ...sessionOnly,
  operationId: "confirmTwoFactor",
  method: "post",
  path: "/confirm",
  summary: "Confirm with a code from the app: two-factor is on; the recovery codes are in this answer only",
  request: { body: jsonBody(CodeBody.openapi("TwoFactorCodeRequest")) },
  responses: {
    200: jsonResponse(z.object({ recoveryCodes: z.array(z.string()) }).openapi("RecoveryCodes"), "Ten single-use recovery codes"),
  },
  errors: [409],
});

export const disableTwoFactorRoute = apiRoute({
  ...sessionOnly,
  operationId: "disableTwoFactor",
  method: "delete",
  path: "/",
  summary: "Turn two-factor off, with a TOTP or recovery code",
  request: { body: jsonBody(CodeBody) },
  responses: { 204: { description: "Off" } },
  errors: [409],
  stepUp: "always",
});
