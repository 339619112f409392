import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { AnySecurity, errorResponses, jsonBody, jsonResponse, SessionSecurity } from "../lib/schemas";
import { PasswordSchema } from "../users/users.schemas";
import { MeSchema } from "./me.schemas";

const tags = ["Me"];

export const meRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Who am I: the signed-in user, or the owner of the key sent",
  security: AnySecurity,
  middleware: [requireAuth({ keys: "read" })],
  responses: { 200: jsonResponse(MeSchema, "The caller"), ...errorResponses(400, 401, 429) },
});

export const changePasswordRoute = createRoute({
  method: "post",
  path: "/password",
  tags,
  summary: "Change your password; your other sessions end, this one stays",
  security: SessionSecurity,
  middleware: [requireAuth()],
  request: {
    body: jsonBody(
      z.object({ currentPassword: z.string().max(1024), newPassword: PasswordSchema }).openapi("ChangePasswordRequest"),
    ),
  },
  responses: { 204: { description: "Changed" }, ...errorResponses(400, 401, 403, 413, 415, 429) },
});
