import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonResponse, SessionSecurity } from "../lib/schemas";
import { UserSchema } from "../users/users.schemas";
import { requireAuth } from "../access/require-auth";

const tags = ["Sessions"];

export const LoginBodySchema = z
  .object({ username: z.string().max(64), password: z.string().max(1024) })
  .openapi("LoginRequest");

export const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags,
  summary: "Sign in; sets the session cookie",
  request: { body: jsonBody(LoginBodySchema) },
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
