import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../access/require-auth";
import { errorResponses, IdParamSchema, jsonBody, jsonResponse, SessionSecurity } from "../lib/schemas";
import { PasswordSchema, RoleSchema, UsernameSchema, UserSchema } from "./users.schemas";

const tags = ["Users"];
const adminOnly = { tags, security: SessionSecurity, middleware: [requireAuth({ admin: true })] };

export const CreateUserBodySchema = z
  .object({ username: UsernameSchema, password: PasswordSchema, role: RoleSchema.default("user") })
  .openapi("CreateUserRequest");

export const listUsersRoute = createRoute({
  ...adminOnly,
  method: "get",
  path: "/",
  summary: "List users (admins only)",
  responses: {
    200: jsonResponse(
      z.object({ users: z.array(UserSchema.extend({ twoFactor: z.boolean().openapi({ description: "Two-factor sign-in is on." }) }).openapi("ListedUser")) }),
      "Every user",
    ),
    ...errorResponses(401, 403),
  },
});

export const createUserRoute = createRoute({
  ...adminOnly,
  method: "post",
  path: "/",
  summary: "Create a user (admins only)",
  request: { body: jsonBody(CreateUserBodySchema) },
  responses: {
    201: jsonResponse(z.object({ user: UserSchema }), "The new user"),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

export const updateUserRoute = createRoute({
  ...adminOnly,
  method: "patch",
  path: "/{id}",
  summary: "Change a user's role (admins only); the last admin cannot be demoted",
  request: { params: IdParamSchema, body: jsonBody(z.object({ role: RoleSchema }).openapi("UpdateUserRequest")) },
  responses: {
    200: jsonResponse(z.object({ user: UserSchema }), "The updated user"),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const deleteUserRoute = createRoute({
  ...adminOnly,
  method: "delete",
  path: "/{id}",
  summary: "Delete a user with all their keys and sessions (admins only); the last admin cannot be deleted",
  request: { params: IdParamSchema },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const resetPasswordRoute = createRoute({
  ...adminOnly,
  method: "post",
  path: "/{id}/password",
  summary: "Set a user's password (admins only): their sessions and pending sign-ins end at once",
  request: { params: IdParamSchema, body: jsonBody(z.object({ newPassword: PasswordSchema }).openapi("ResetPasswordRequest")) },
  responses: { 204: { description: "Set; the user is signed out everywhere" }, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
});

export const resetTwoFactorRoute = createRoute({
  ...adminOnly,
  method: "delete",
  path: "/{id}/two-factor",
  summary: "Turn off a user's two-factor sign-in (admins only), for a lost phone: their sessions end, the password alone signs in again",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Off; the user is signed out everywhere" }, ...errorResponses(400, 401, 403, 404, 409, 429) },
});
