import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonResponse } from "../lib/schemas";
import { PasswordSchema, UsernameSchema, UserSchema } from "../users/users.schemas";

const tags = ["Setup"];

export const setupStatusRoute = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "Whether the first administrator still has to be created",
  responses: { 200: jsonResponse(z.object({ needed: z.boolean() }), "Setup status") },
});

export const SetupBodySchema = z
  .object({ token: z.string().max(256), username: UsernameSchema, password: PasswordSchema })
  .openapi("SetupRequest");

export const runSetupRoute = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Create the first administrator with the deployment's SETUP_TOKEN, and sign in",
  request: { body: jsonBody(SetupBodySchema) },
  responses: {
    201: jsonResponse(z.object({ user: UserSchema }), "The administrator; a session cookie is set"),
    ...errorResponses(400, 403, 409, 413, 415, 429),
  },
});
