import { hashPassword } from "../auth/passwords";
import { createDb } from "../db/client";
import { evictUser } from "../keys/key-cache";
import { ApiError, notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { changeRole, deleteUser, insertUser, listUsers, userExists } from "./users.queries";
import { createUserRoute, deleteUserRoute, listUsersRoute, updateUserRoute } from "./users.routes";

const lastAdmin = () => new ApiError(409, "LAST_ADMIN", "This is the last administrator; make another user an administrator first.");

export const usersRouter = createRouter()
  .openapi(listUsersRoute, async (c) => c.json({ users: await listUsers(createDb(c.env.DB)) }, 200))
  .openapi(createUserRoute, async (c) => {
    const { username, password, role } = c.req.valid("json");
    const user = await insertUser(createDb(c.env.DB), { username, role, passwordHash: await hashPassword(password) });
    return c.json({ user }, 201);
  })
  .openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const user = await changeRole(c.env.DB, id, c.req.valid("json").role);
    if (!user) throw (await userExists(createDb(c.env.DB), id)) ? lastAdmin() : notFound("User");
    evictUser(id);
    return c.json({ user }, 200);
  })
  .openapi(deleteUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const deleted = await deleteUser(c.env.DB, id);
    if (!deleted) throw (await userExists(createDb(c.env.DB), id)) ? lastAdmin() : notFound("User");
    evictUser(id);
    return c.body(null, 204);
  });
