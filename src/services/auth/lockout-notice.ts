import type { Env } from "../../platform/env";

/**
 * THE HOOK for telling an account's owner that its second step was locked (issue 22). The audit
 * event (auth.second_factor_locked) is always recorded, where the owner's Activity shows it; a
 * notification beyond it (e-mail, push) waits for the notify service of the `leaks` branch: when
 * it lands, call it here. Until then this does nothing, on purpose, and says so.
 */
export async function notifySecondFactorLocked(_env: Env, _user: { id: number; username: string }, _lockedUntil: Date): Promise<void> {}
