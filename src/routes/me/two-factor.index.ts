import { and, count, eq, isNull } from "drizzle-orm";
import { createDb } from "../../db/client";
import { recoveryCodes } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import { caller } from "../../http/require-auth";
import { createRouter } from "../../http/router";
import { clientAddress } from "../../lib/client-address";
import { ApiError } from "../../lib/errors";
import { enforceUsernameLimit } from "../../platform/rate-limits";
import { auditInsert, userTarget } from "../../services/audit/audit.queries";
import { checkSecondFactor } from "../../services/auth/second-factor-lockout";
import { confirmEnrolment, invalidCode, startEnrolment, twoFactorEnabled, twoFactorOffStatements } from "../../services/auth/two-factor";
import { noticeTwoFactorOff } from "../../services/notifications/account-notices";
import { confirmTwoFactorRoute, disableTwoFactorRoute, enrolTwoFactorRoute, twoFactorStatusRoute } from "./two-factor.routes";

export const twoFactorRouter = createRouter()
  .openapi(twoFactorStatusRoute, async (c) => {
    const { user } = caller(c);
    const [left] = await createDb(c.env.DB)
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    return c.json({ enabled: await twoFactorEnabled(c.env.DB, user.id), recoveryCodesLeft: left?.n ?? 0 }, 200);
  })
  .openapi(enrolTwoFactorRoute, async (c) => c.json(await startEnrolment(c.env, caller(c).user), 200))
  .openapi(confirmTwoFactorRoute, async (c) => {
    const auth = caller(c);
    // Codes are guessed no faster here than at sign-in (a stolen session must not become an oracle).
    await enforceUsernameLimit(c.env, auth.user.username);
    const event = { type: "auth.two_factor_enabled" as const, actor: auth, target: userTarget(auth.user), ip: clientAddress(c.req.raw) };
    const recovery = await confirmEnrolment(c.env, auth.user.id, c.req.valid("json").code, event);
    return c.json({ recoveryCodes: recovery }, 200);
  })
  .openapi(disableTwoFactorRoute, async (c) => {
    const auth = caller(c);
    await enforceUsernameLimit(c.env, auth.user.username);
    if (!(await twoFactorEnabled(c.env.DB, auth.user.id))) throw new ApiError("CONFLICT", "Two-factor sign-in is not on.");
    const method = await checkSecondFactor(c.env, c.executionCtx, auth.user, c.req.valid("json").code, clientAddress(c.req.raw));
    if (!method) throw invalidCode();
    const db = createDb(c.env.DB);
    const event = {
      type: "auth.two_factor_disabled" as const,
      actor: auth,
      target: userTarget(auth.user),
      detail: method === "recovery" ? "with a recovery code" : undefined,
      ip: clientAddress(c.req.raw),
    };
    // One transaction: off, the recovery codes gone and the event recorded, or nothing at all.
    await inTransaction(db, [...twoFactorOffStatements(db, auth.user.id), auditInsert(db, event)]);
    noticeTwoFactorOff({ env: c.env, ctx: c.executionCtx }, auth.user.id, "you");
    return c.body(null, 204);
  });
