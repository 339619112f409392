import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { sameSiteOnly } from "../../http/csrf";
import { PasswordSchema, UsernameSchema, UserSchema } from "../../identity/users.schemas";
import { jsonBody, jsonResponse } from "../../lib/schemas";

const tags = ["Setup"];

export const setupStatusRoute = apiRoute({
  operationId: "getSetupStatus",
  method: "get",
  path: "/",
  tags,
  summary: "Whether the first administrator still has to be created, and whether Pinepods accounts sign in here",
  access: "public",
  responses: {
    200: jsonResponse(
      z.object({
        needed: z.boolean(),
        pinepodsAccounts: z.boolean().openapi({
          description:
            "The gateway is on and ORIGIN_ACCOUNTS is not off: a Pinepods account signs in with its Pinepods password or single sign-on.",
        }),
      }),
      "Setup status",
    ),
  },
});

export const SetupBodySchema = z
  .object({ token: z.string().max(256), username: UsernameSchema, password: PasswordSchema })
  .openapi("SetupRequest");

export const runSetupRoute = apiRoute({
  operationId: "runSetup",
  method: "post",
  path: "/",
  tags,
  summary: "Create the first administrator with the deployment's SETUP_TOKEN, and sign in",
  access: "public",
  rateLimited: true,
  setsCookie: true,
  description: "Once any user exists, every attempt answers the same 409, whatever the token.",
  middleware: [sameSiteOnly],
  request: { body: jsonBody(SetupBodySchema) },
  responses: { 201: jsonResponse(z.object({ user: UserSchema }), "The administrator; a session cookie is set") },
  errors: [403, 409],
});
