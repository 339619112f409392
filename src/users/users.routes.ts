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
    200: jsonResponse(z.object({ users: z.array(UserSchema) }), "Every user"),
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
