import { recordAudit, userTarget } from "../audit/audit.queries";
import { caller } from "../access/require-auth";
import { hashPassword } from "../auth/passwords";
import { createDb } from "../db/client";
import { evictUser } from "../keys/key-cache";
import { clientAddress } from "../http/client-address";
import { ApiError, notFound } from "../lib/errors";
import { createRouter } from "../lib/router";
import { changeRole, deleteUser, insertUser, listUsers, userExists } from "./users.queries";
import { createUserRoute, deleteUserRoute, listUsersRoute, updateUserRoute } from "./users.routes";


const lastAdmin = () => new ApiError("LAST_ADMIN", "This is the last administrator; make another user an administrator first.");

export const usersRouter = createRouter()
  .openapi(listUsersRoute, async (c) => c.json({ users: await listUsers(createDb(c.env.DB)) }, 200))
  .openapi(createUserRoute, async (c) => {
    const { username, password, role } = c.req.valid("json");
    const db = createDb(c.env.DB);
    const user = await insertUser(db, { username, role, passwordHash: await hashPassword(password) });
    await recordAudit(db, { type: "user.created", actor: caller(c), target: userTarget(user), detail: `role=${role}`, ip: clientAddress(c.req.raw) });
    return c.json({ user }, 201);
  })
  .openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const user = await changeRole(c.env.DB, id, c.req.valid("json").role);
    if (!user) throw (await userExists(db, id)) ? lastAdmin() : notFound("User");
    evictUser(id);
    await recordAudit(db, { type: "user.role_changed", actor: caller(c), target: userTarget(user), detail: `role=${user.role}`, ip: clientAddress(c.req.raw) });
    return c.json({ user }, 200);
  })
  .openapi(deleteUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const deleted = await deleteUser(c.env.DB, id);
    if (!deleted) throw (await userExists(db, id)) ? lastAdmin() : notFound("User");
    evictUser(id);
    await recordAudit(db, { type: "user.deleted", actor: caller(c), target: userTarget(deleted), ip: clientAddress(c.req.raw) });
    return c.body(null, 204);
  });
