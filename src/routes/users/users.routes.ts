import { z } from "@hono/zod-openapi";
import { apiRoute } from "../../http/api-route";
import { PasswordSchema, RoleSchema, UsernameSchema, UserSchema } from "../../identity/users.schemas";
import { IdParamSchema, jsonBody, jsonResponse } from "../../lib/schemas";

const tags = ["Users"];
const adminOnly = { tags, access: { admin: true } };
/**
 * A change to someone's credentials, role or existence: an administrator's session must have proved
 * itself recently (http/step-up.ts), so a stolen admin cookie cannot take over another account.
 */
const adminStepUp = { ...adminOnly, stepUp: "always" as const };

export const CreateUserBodySchema = z
  .object({ username: UsernameSchema, password: PasswordSchema, role: RoleSchema.default("user") })
  .openapi("CreateUserRequest");

export const listUsersRoute = apiRoute({
  ...adminOnly,
  operationId: "listUsers",
  method: "get",
  path: "/",
  summary: "List users (admins only)",
  responses: {
    200: jsonResponse(
      z.object({
        users: z.array(
          UserSchema.extend({
            twoFactor: z.boolean().openapi({ description: "Two-factor sign-in is on." }),
            fromPinepods: z.boolean().openapi({
              description: "Made at its first sign-in through the gateway: it signs in with its Pinepods account, has no Podkeys password.",
            }),
          }).openapi("ListedUser"),
        ),
      }),
      "Every user",
    ),
  },
});

export const createUserRoute = apiRoute({
  ...adminStepUp,
  operationId: "createUser",
  method: "post",
  path: "/",
  summary: "Create a user (admins only)",
  request: { body: jsonBody(CreateUserBodySchema) },
  responses: { 201: jsonResponse(z.object({ user: UserSchema }), "The new user") },
  errors: [409],
});

export const updateUserRoute = apiRoute({
  ...adminStepUp,
  operationId: "updateUser",
  method: "patch",
  path: "/{id}",
  summary: "Change a user's role (admins only); the last admin cannot be demoted",
  request: { params: IdParamSchema, body: jsonBody(z.object({ role: RoleSchema }).openapi("UpdateUserRequest")) },
  responses: { 200: jsonResponse(z.object({ user: UserSchema }), "The updated user") },
  errors: [404, 409],
});

export const deleteUserRoute = apiRoute({
  ...adminStepUp,
  operationId: "deleteUser",
  method: "delete",
  path: "/{id}",
  summary: "Delete a user with all their keys and sessions (admins only); the last admin cannot be deleted",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" } },
  errors: [404, 409],
});

export const resetPasswordRoute = apiRoute({
  ...adminStepUp,
  operationId: "resetUserPassword",
  method: "post",
  path: "/{id}/password",
  summary: "Set a user's password (admins only): their sessions and pending sign-ins end at once",
  request: { params: IdParamSchema, body: jsonBody(z.object({ newPassword: PasswordSchema }).openapi("ResetPasswordRequest")) },
  responses: { 204: { description: "Set; the user is signed out everywhere" } },
  errors: [404, 409],
});

export const resetTwoFactorRoute = apiRoute({
  ...adminStepUp,
  operationId: "resetUserTwoFactor",
  method: "delete",
  path: "/{id}/two-factor",
  summary: "Turn off a user's two-factor sign-in (admins only), for a lost phone: their sessions end, the password alone signs in again",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Off; the user is signed out everywhere" } },
  errors: [404, 409],
});
