import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { PasswordSchema } from "../../identity/users.schemas";
import { jsonBody, jsonResponse } from "../../lib/schemas";
import { MeSchema } from "./me.schemas";

const tags = ["Me"];

export const meRoute = apiRoute({
  operationId: "getMe",
  method: "get",
  path: "/",
  tags,
  summary: "Who am I: the signed-in user, or the owner of the key sent",
  access: { keys: "read" },
  responses: { 200: jsonResponse(MeSchema, "The caller") },
});

export const changePasswordRoute = apiRoute({
  operationId: "changePassword",
  method: "post",
  path: "/password",
  tags,
  summary: "Change your password; your other sessions end, this one stays",
  access: {},
  request: {
    body: jsonBody(z.object({ currentPassword: z.string().max(1024), newPassword: PasswordSchema }).openapi("ChangePasswordRequest")),
  },
  responses: { 204: { description: "Changed" } },
  // 409 PASSWORD_AT_ORIGIN: an account from Pinepods has no Podkeys password (README "Accounts").
  errors: [409],
});
