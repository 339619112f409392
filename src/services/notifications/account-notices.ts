import { afterResponse } from "../../lib/after-response";
import type { Env, WaitUntil } from "../../platform/env";
import { notify } from "./notify";

/**
 * The account events a person may be told about as they happen (README "Notifications"). Each one is
 * a line at the place the event happens; the work runs after the answer (notify, afterResponse).
 */
type Notifier = { env: Env; ctx: WaitUntil };

export function noticeTwoFactorOff(notifier: Notifier, userId: number, by: string) {
  notify(notifier, userId, "two_factor_disabled", {
    title: "Two-factor sign-in turned off",
    body: `Two-factor sign-in for your Podkeys account was turned off by ${by}. If that was not you, change your password.`,
    tags: ["warning"],
  });
}

export function noticeKeyCreatedByKey(notifier: Notifier, userId: number, created: { name: string; hint: string }, by: { name: string }) {
  notify(notifier, userId, "key_created_by_key", {
    title: `New key "${created.name}" created through a key`,
    body: `The key "${created.name}" (${created.hint}) was created through your key "${by.name}", not the settings page.`,
    tags: ["key"],
  });
}

/**
 * The account's second step locked after too many wrong codes in a row (services/auth/second-factor-lockout.ts):
 * someone who has the password may be guessing codes.
 */
export function noticeSecondFactorLocked(notifier: Notifier, userId: number, wrongCodes: number, minutes: number) {
  notify(notifier, userId, "second_factor_locked", {
    title: "Two-factor sign-in locked after wrong codes",
    body:
      `${wrongCodes} wrong two-factor codes in a row were entered for your Podkeys account, so its second step is locked for ${minutes} minutes. ` +
      "Whoever entered them knew your password: if that was not you, change your password.",
    tags: ["rotating_light"],
  });
}

/**
 * Remembers the country of each sign-in (request.cf.country; absent in local runs) and tells the person
 * when one is new for the account. The first country an account signs in from is its baseline, not news.
 * Runs after the answer, so a sign-in is as fast (and as timed) as before.
 */
export function noticeSignInCountry(notifier: Notifier, userId: number, country: string | undefined) {
  if (!country) return;
  afterResponse(notifier.ctx, "sign-in country", async () => {
    const db = notifier.env.DB;
    const [inserted, seen] = await db.batch([
      db
        .prepare("INSERT INTO sign_in_countries (user_id, country) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING country")
        .bind(userId, country),
      db.prepare("SELECT count(*) AS n FROM sign_in_countries WHERE user_id = ?").bind(userId),
    ]);
    const isNew = (inserted?.results.length ?? 0) > 0;
    const countries = (seen?.results[0] as { n: number } | undefined)?.n ?? 0;
    if (isNew && countries > 1) {
      notify(notifier, userId, "sign_in_new_country", {
        title: `Sign-in from a new country: ${country}`,
        body: `Your Podkeys account was signed in to from ${country}, a country not seen for it before. If that was not you, change your password.`,
        tags: ["globe_with_meridians"],
      });
    }
  });
}
