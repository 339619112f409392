import { sql } from "drizzle-orm";
import { inTransaction } from "../../db/transaction";
import { scopeOf } from "../../http/request-scope";
import { createRouter } from "../../http/router";
import { timingSafeEqualStrings } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { enforceAddressLimit } from "../../platform/rate-limits";
import { auditInsert, userTarget } from "../../services/audit/audit.queries";
import { hashPassword } from "../../services/auth/passwords";
import { insertSession, newSession, setSessionCookie } from "../../services/auth/sessions";
import { originAccountsOn } from "../../services/gateway/origin-accounts";
import { anyUserExists, insertFirstAdmin, userIdByPasswordHash } from "../../services/users/users.queries";
import { runSetupRoute, setupStatusRoute } from "./setup.routes";

const alreadySetUp = () => new ApiError("ALREADY_SET_UP", "Setup is done: an account already exists. Sign in instead.");

export const setupRouter = createRouter()
  .openapi(setupStatusRoute, async (c) =>
    c.json({ needed: !(await anyUserExists(scopeOf(c).db)), pinepodsAccounts: originAccountsOn(c.env) }, 200),
  )
  .openapi(runSetupRoute, async (c) => {
    const { token, username, password } = c.req.valid("json");
    const scope = scopeOf(c);
    await enforceAddressLimit(scope.env, scope.ip, "SETUP_LIMITER"); // the token is a secret: guessing it must be slow
    // Once set up, the token is no longer checked: a right and a wrong one get the same 409, so the
    // endpoint cannot be used to confirm a guessed (or leaked, stale) token.
    const { db } = scope;
    if (await anyUserExists(db)) throw alreadySetUp();
    // Without a configured token nobody can claim a fresh public deployment before its owner does.
    const { setupToken } = scope.config;
    if (!setupToken) throw new ApiError("SETUP_DISABLED", "Setup is disabled: no SETUP_TOKEN is configured.");
    if (!timingSafeEqualStrings(token, setupToken)) throw new ApiError("INVALID_SETUP_TOKEN", "The setup token is wrong.");
    const passwordHash = await hashPassword(password);
    const session = await newSession(scope);
    // The admin, their audit event and their session: one transaction. The event and the session are
    // written only for the user this batch inserted (none when another setup won the race).
    const admin = userIdByPasswordHash(passwordHash);
    const event = { type: "user.created" as const, actor: null, detail: "role=admin (first-run setup)", ip: scope.ip };
    const [[user]] = await inTransaction(db, [
      insertFirstAdmin(db, username, passwordHash),
      auditInsert(db, { ...event, target: userTarget({ id: admin, username }) }, sql`${admin} IS NOT NULL`),
      insertSession(db, session, admin),
    ]);
    if (!user) throw alreadySetUp(); // another setup request won the race
    setSessionCookie(c, session);
    return c.json({ user }, 201);
  });
