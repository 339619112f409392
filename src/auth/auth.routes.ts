import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonResponse, SessionSecurity } from "../lib/schemas";
import { UserSchema } from "../users/users.schemas";
import { requireAuth } from "../access/require-auth";
import { sameSiteOnly } from "./csrf";

const tags = ["Sessions"];

export const LoginBodySchema = z
  .object({ username: z.string().max(64), password: z.string().max(1024) })
  .openapi("LoginRequest");

export const TwoFactorRequiredSchema = z
  .object({
    twoFactorRequired: z.literal(true),
    mfaToken: z.string().openapi({ description: "Send it with a code to POST /api/auth/login/two-factor; single-use, valid for 5 minutes." }),
  })
  .openapi("TwoFactorRequired");

export const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags,
  summary: "Sign in; sets the session cookie (or asks for the second factor when two-factor sign-in is on)",
  middleware: [sameSiteOnly],
  request: { body: jsonBody(LoginBodySchema) },
  responses: {
    200: jsonResponse(z.union([z.object({ user: UserSchema }), TwoFactorRequiredSchema]), "Signed in, or the password was right and a code is needed (no session yet)"),
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

export const loginTwoFactorRoute = createRoute({
  method: "post",
  path: "/login/two-factor",
  tags,
  summary: "Second step of sign-in: the mfaToken and a TOTP or recovery code; sets the session cookie",
  middleware: [sameSiteOnly],
  request: {
    body: jsonBody(
      z.object({ mfaToken: z.string().max(64), code: z.string().max(32).openapi({ example: "123456" }) }).openapi("LoginTwoFactorRequest"),
    ),
  },
  responses: {
    200: jsonResponse(z.object({ user: UserSchema }), "Signed in"),
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags,
  summary: "Sign out; the session is deleted on the server",
  security: SessionSecurity,
  middleware: [requireAuth()],
  responses: { 204: { description: "Signed out" }, ...errorResponses(401, 403, 429) },
});
