import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { sameSiteOnly } from "../../http/csrf";
import { UserSchema } from "../../identity/users.schemas";
import { jsonBody, jsonResponse } from "../../lib/schemas";

const tags = ["Sessions"];

export const LoginBodySchema = z.object({ username: z.string().max(64), password: z.string().max(1024) }).openapi("LoginRequest");

export const TwoFactorRequiredSchema = z
  .object({
    twoFactorRequired: z.literal(true),
    mfaToken: z
      .string()
      .openapi({ description: "Send it with a code to POST /api/auth/login/two-factor; single-use, valid for 5 minutes." }),
  })
  .openapi("TwoFactorRequired");

export const loginRoute = apiRoute({
  operationId: "login",
  method: "post",
  path: "/login",
  tags,
  summary: "Sign in; sets the session cookie (or asks for the second factor when two-factor sign-in is on)",
  access: "public",
  rateLimited: true,
  setsCookie: true,
  middleware: [sameSiteOnly],
  request: { body: jsonBody(LoginBodySchema) },
  responses: {
    200: jsonResponse(
      z.union([z.object({ user: UserSchema }), TwoFactorRequiredSchema]),
      "Signed in, or the password was right and a code is needed (no session yet)",
    ),
  },
  // 502/504: a Pinepods account's sign-in goes to the origin (README "Accounts").
  errors: [401, 502, 504],
});

export const loginTwoFactorRoute = apiRoute({
  operationId: "loginTwoFactor",
  method: "post",
  path: "/login/two-factor",
  tags,
  summary: "Second step of sign-in: the mfaToken and a TOTP or recovery code; sets the session cookie",
  access: "public",
  rateLimited: true,
  setsCookie: true,
  middleware: [sameSiteOnly],
  request: {
    body: jsonBody(
      z.object({ mfaToken: z.string().max(64), code: z.string().max(32).openapi({ example: "123456" }) }).openapi("LoginTwoFactorRequest"),
    ),
  },
  responses: { 200: jsonResponse(z.object({ user: UserSchema }), "Signed in") },
  errors: [401, 502, 504],
});

export const logoutRoute = apiRoute({
  operationId: "logout",
  method: "post",
  path: "/logout",
  tags,
  summary: "Sign out; the session is deleted on the server",
  access: {},
  setsCookie: true,
  responses: { 204: { description: "Signed out; the session cookie is cleared" } },
});

export const reauthenticateRoute = apiRoute({
  operationId: "reauthenticate",
  method: "post",
  path: "/reauthenticate",
  tags,
  summary: "Confirm it's you (step-up): the password, or a two-factor code; sensitive changes are allowed for 10 minutes",
  access: {},
  rateLimited: true,
  request: {
    body: jsonBody(
      z
        .object({
          password: z.string().max(1024).optional(),
          code: z.string().max(32).optional().openapi({ example: "123456" }),
        })
        .refine((body) => (body.password === undefined) !== (body.code === undefined), { message: "Send either password or code." })
        .openapi("ReauthenticateRequest"),
    ),
  },
  responses: {
    200: jsonResponse(
      z.object({ until: z.string().openapi({ description: "When the step-up window closes (ISO 8601)." }) }).openapi("Reauthenticated"),
      "Confirmed: sensitive changes are allowed until `until`",
    ),
  },
  // 502/504: an account made from Pinepods gives its Pinepods password, which the origin checks (README "Accounts").
  errors: [400, 409, 502, 504],
});
