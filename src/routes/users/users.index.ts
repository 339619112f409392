import { createDb } from "../../db/client";
import { inTransaction } from "../../db/transaction";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { clientAddress } from "../../lib/client-address";
import { ApiError, notFound } from "../../lib/errors";
import { auditInsert, userTarget } from "../../services/audit/audit.queries";
import { hashPassword } from "../../services/auth/passwords";
import { resetPassword, resetTwoFactor } from "../../services/auth/user-resets";
import { evictUser } from "../../services/keys/key-cache";
import { noticeTwoFactorOff } from "../../services/notifications/account-notices";
import {
  changeRole,
  deleteAllowed,
  deleteUser,
  findUser,
  insertUser,
  listUsers,
  roleChangeAllowed,
  userExists,
} from "../../services/users/users.queries";
import { createUserRoute, deleteUserRoute, listUsersRoute, resetPasswordRoute, resetTwoFactorRoute, updateUserRoute } from "./users.routes";

const lastAdmin = () => new ApiError("LAST_ADMIN", "This is the last administrator; make another user an administrator first.");

/*
 * Each change and its audit event are one inTransaction() (a D1 batch: one transaction). The last-admin rule is
 * part of the statements themselves, so the event is written exactly when the change is.
 */
export const usersRouter = createRouter()
  .openapi(listUsersRoute, async (c) => c.json({ users: await listUsers(createDb(c.env.DB)) }, 200))
  .openapi(createUserRoute, async (c) => {
    const { username, password, role } = c.req.valid("json");
    const db = createDb(c.env.DB);
    const event = { type: "user.created" as const, actor: caller(c), detail: `role=${role}`, ip: clientAddress(c.req.raw) };
    const user = await insertUser(db, { username, role, passwordHash: await hashPassword(password) }, (newUserId) => [
      auditInsert(db, { ...event, target: userTarget({ id: newUserId, username }) }),
    ]);
    return c.json({ user }, 201);
  })
  .openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { role } = c.req.valid("json");
    const db = createDb(c.env.DB);
    const target = await findUser(db, id);
    if (!target) throw notFound("User");
    const event = {
      type: "user.role_changed" as const,
      actor: caller(c),
      target: userTarget(target),
      detail: `role=${role}`,
      ip: clientAddress(c.req.raw),
    };
    // The event first: its condition is the change's own guard, read before the change.
    const [, [user]] = await inTransaction(db, [auditInsert(db, event, roleChangeAllowed(id, role)), changeRole(db, id, role)]);
    if (!user) throw (await userExists(db, id)) ? lastAdmin() : notFound("User");
    evictUser(id);
    return c.json({ user }, 200);
  })
  .openapi(deleteUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const target = await findUser(db, id);
    if (!target) throw notFound("User");
    const event = { type: "user.deleted" as const, actor: caller(c), target: userTarget(target), ip: clientAddress(c.req.raw) };
    const [, [deleted]] = await inTransaction(db, [auditInsert(db, event, deleteAllowed(id)), deleteUser(db, id)]);
    if (!deleted) throw (await userExists(db, id)) ? lastAdmin() : notFound("User");
    evictUser(id);
    return c.body(null, 204);
  })
  .openapi(resetPasswordRoute, async (c) => {
    await resetPassword(c.env.DB, caller(c), c.req.valid("param").id, c.req.valid("json").newPassword, clientAddress(c.req.raw));
    return c.body(null, 204);
  })
  .openapi(resetTwoFactorRoute, async (c) => {
    const userId = c.req.valid("param").id;
    await resetTwoFactor(c.env.DB, caller(c), userId, clientAddress(c.req.raw));
    noticeTwoFactorOff({ env: c.env, ctx: c.executionCtx }, userId, `the administrator ${caller(c).user.username}`);
    return c.body(null, 204);
  });
