import { z } from "@hono/zod-openapi";
import { apiRoute } from "../http/api-route";
import { IdParamSchema, jsonBody, jsonResponse } from "../lib/schemas";
import { PasswordSchema, RoleSchema, UsernameSchema, UserSchema } from "./users.schemas";

const tags = ["Users"];
const adminOnly = { tags, access: { admin: true } };

export const CreateUserBodySchema = z
  .object({ username: UsernameSchema, password: PasswordSchema, role: RoleSchema.default("user") })
  .openapi("CreateUserRequest");

export const listUsersRoute = apiRoute({
  ...adminOnly,
  operationId: "listUsers",
  method: "get",
  path: "/",
  summary: "List users (admins only)",
  responses: { 200: jsonResponse(z.object({ users: z.array(UserSchema) }), "Every user") },
});

export const createUserRoute = apiRoute({
  ...adminOnly,
  operationId: "createUser",
  method: "post",
  path: "/",
  summary: "Create a user (admins only)",
  request: { body: jsonBody(CreateUserBodySchema) },
  responses: { 201: jsonResponse(z.object({ user: UserSchema }), "The new user") },
  errors: [409],
});

export const updateUserRoute = apiRoute({
  ...adminOnly,
  operationId: "updateUser",
  method: "patch",
  path: "/{id}",
  summary: "Change a user's role (admins only); the last admin cannot be demoted",
  request: { params: IdParamSchema, body: jsonBody(z.object({ role: RoleSchema }).openapi("UpdateUserRequest")) },
  responses: { 200: jsonResponse(z.object({ user: UserSchema }), "The updated user") },
  errors: [404, 409],
});

export const deleteUserRoute = apiRoute({
  ...adminOnly,
  operationId: "deleteUser",
  method: "delete",
  path: "/{id}",
  summary: "Delete a user with all their keys and sessions (admins only); the last admin cannot be deleted",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" } },
  errors: [404, 409],
});
