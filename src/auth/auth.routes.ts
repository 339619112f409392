import { z } from "@hono/zod-openapi";
import { apiRoute } from "../http/api-route";
import { jsonBody, jsonResponse } from "../lib/schemas";
import { UserSchema } from "../users/users.schemas";

const tags = ["Sessions"];

export const LoginBodySchema = z
  .object({ username: z.string().max(64), password: z.string().max(1024) })
  .openapi("LoginRequest");

export const loginRoute = apiRoute({
  operationId: "login",
  method: "post",
  path: "/login",
  tags,
  summary: "Sign in; sets the session cookie",
  access: "public",
  rateLimited: true,
  setsCookie: true,
  request: { body: jsonBody(LoginBodySchema) },
  responses: { 200: jsonResponse(z.object({ user: UserSchema }), "Signed in") },
  errors: [401],
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
