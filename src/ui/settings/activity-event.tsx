import type { AuditEvent } from "../api";
import { countryName, formatAgo, formatDate } from "../format";
import { deviceName } from "./sessions-section";

/** What happened, in plain words. A type this page does not know yet (a newer server) reads as itself. */
export const EVENT_LABELS: Record<string, string> = {
  "key.created": "Key created",
  "key.renamed": "Key renamed",
  "key.rolled": "Key rolled",
  "key.disabled": "Key disabled",
  "key.enabled": "Key enabled",
  "key.deleted": "Key deleted",
  "user.created": "User created",
  "user.role_changed": "Role changed",
  "user.deleted": "User deleted",
  "user.password_reset": "Password reset",
  "user.two_factor_reset": "Two-factor sign-in reset",
  "auth.login": "Signed in",
  "auth.login_failed": "Sign-in failed",
  "auth.two_factor_enabled": "Two-factor sign-in turned on",
  "auth.two_factor_disabled": "Two-factor sign-in turned off",
  "auth.recovery_code_used": "Recovery code used",
  "auth.second_factor_locked": "Two-factor step locked after wrong codes",
  "user.password_changed": "Password changed",
  "vault.resealed": "Vault re-sealed",
  "session.ended": "Session ended",
  "origin.linked": "Podcast server linked",
  "origin.unlinked": "Podcast server unlinked",
  "origin.link_failed": "Podcast server link refused",
};

/** `name=value` pairs of an event's detail ("newKeyId=9 graceSeconds=3600"); a value runs to the next pair. */
export function detailOf(event: AuditEvent): Record<string, string> {
  const pairs: Record<string, string> = {};
  const pattern = /(\w+)=(.*?)(?=\s\w+=|$)/g;
  for (const [, name, value] of (event.detail ?? "").matchAll(pattern)) pairs[name!] = value!;
  return pairs;
}

/** 3600 → "1 hour", 0 → undefined (at once). */
function graceWords(seconds: number): string | undefined {
  if (!seconds) return undefined;
  const [size, unit] =
    seconds % 86_400 === 0
      ? [seconds / 86_400, "day"]
      : seconds % 3600 === 0
        ? [seconds / 3600, "hour"]
        : [Math.round(seconds / 60), "minute"];
  return `${size} ${unit}${size === 1 ? "" : "s"}`;
}

/** The detail worth reading, in words; the rest (key ids, scopes) is in the API for whoever needs it. */
function detailWords(event: AuditEvent): string | undefined {
  const detail = detailOf(event);
  switch (event.type) {
    case "key.rolled": {
      if (detail.graceSeconds === undefined) return undefined;
      const grace = graceWords(Number(detail.graceSeconds));
      const replacement = detail.newKeyHint ? `, replaced by ${detail.newKeyHint}` : "";
      return grace ? `old key kept working ${grace}${replacement}` : `old key stopped at once${replacement}`;
    }
    case "key.renamed":
      return (
        [detail.previousName && `was “${detail.previousName}”`, detail.note && `note ${detail.note}`].filter(Boolean).join(", ") ||
        undefined
      );
    case "key.deleted":
      return detail.reason === "expired" ? "it had expired" : undefined;
    case "auth.login":
      // Which device and where: two sign-ins of one person read apart.
      return (
        [detail.userAgent && deviceName(detail.userAgent), detail.country && countryName(detail.country)].filter(Boolean).join(", ") ||
        undefined
      );
    default:
      if (!event.type.startsWith("user.") || !detail.role) return undefined;
      return `→ ${detail.role.startsWith("admin") ? "administrator" : "standard user"}`;
  }
}

export function EventRow({ event, now }: { event: AuditEvent; now: number }) {
  const { actor, target, targetOwner } = event;
  const words = detailWords(event);
  // Each name once: a key's owner only when someone else acted, no "by bob" after "bob signed in".
  const owner = target.type === "key" && targetOwner && targetOwner.id !== actor?.id ? targetOwner.username : undefined;
  const onSelf = actor !== null && target.type === "user" && actor.id === target.id;
  return (
    <li class={event.type === "auth.login_failed" ? "event event-warning" : "event"}>
      <p class="event-what">
        <strong>{EVENT_LABELS[event.type] ?? event.type}</strong>
        {": "}
        <span>{target.type === "key" ? `“${target.name}”` : target.name}</span>
        {target.hint && (
          <>
            {" "}
            <code class="hint-code">{target.hint}</code>
          </>
        )}
        {owner && <span class="muted"> of {owner}</span>}
        {words && <span class="muted"> {words.startsWith("→") ? words : `(${words})`}</span>}
      </p>
      <p class="event-meta muted">
        <time dateTime={event.createdAt} title={formatDate(event.createdAt)}>
          {formatAgo(event.createdAt, now)}
        </time>{" "}
        ({formatDate(event.createdAt)})
        {actor ? (
          !(onSelf && event.type.startsWith("auth.")) && (
            <span>
              {" · by "}
              {onSelf ? "themself" : actor.username}
              {actor.keyId !== null && ` via key #${actor.keyId}`}
            </span>
          )
        ) : (
          // The first admin is created by whoever holds the setup token, before anyone can sign in.
          <span> · {event.type === "user.created" ? "at first-run setup" : "by someone not signed in"}</span>
        )}
        {event.ip && (
          <>
            {" · from "}
            <code>{event.ip}</code>
          </>
        )}
      </p>
    </li>
  );
}
