import { useEffect, useState } from "preact/hooks";
import { type AuditEvent, api, errorMessage } from "../api";
import { useAction } from "../components/use-action";
import { useNow } from "../components/use-now";
import { formatAgo, formatDate } from "../format";
import { LoadError } from "../components/load-error";

/** Events a page: enough to fill a screen, small enough to arrive at once. */
export const ACTIVITY_PAGE_SIZE = 20;

const LABELS: Record<AuditEvent["type"], string> = {
  "key.created": "Key created",
  "key.deleted": "Key deleted",
  "key.rolled": "Key rolled",
  "key.disabled": "Key disabled",
  "key.enabled": "Key enabled",
  "user.created": "User created",
  "user.deleted": "User deleted",
  "user.role_changed": "Role changed",
  "auth.login_failed": "Sign-in failed",
  "auth.login": "Signed in",
  "auth.two_factor_enabled": "Two-factor sign-in turned on",
  "auth.two_factor_disabled": "Two-factor sign-in turned off",
  "auth.recovery_code_used": "Recovery code used",
  "session.ended": "Session ended",
  "user.password_reset": "Password reset",
  "user.two_factor_reset": "Two-factor sign-in reset",
  "origin.linked": "Podcast server linked",
  "origin.unlinked": "Podcast server unlinked",
  "origin.link_failed": "Podcast server link refused",
};

/** The detail worth reading in plain words; the rest (key ids, scopes) is in the API for whoever needs it. */
function roleDetail(event: AuditEvent): string | undefined {
  const role = /role=(\w+)/.exec(event.detail ?? "")?.[1];
  if (!role || !event.type.startsWith("user.")) return undefined;
  return role === "admin" ? "administrator" : "standard user";
}

/** The audit log, newest first: every event for administrators, events about your own keys and account otherwise. */
export function Activity({ isAdmin }: { isAdmin: boolean }) {
  const [events, setEvents] = useState<AuditEvent[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const now = useNow();

  async function first() {
    setLoadError(undefined);
    setEvents(undefined);
    try {
      const page = await api.listAudit({ limit: ACTIVITY_PAGE_SIZE });
      setEvents(page.events);
      setCursor(page.nextCursor);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }

  const more = useAction(async () => {
    const page = await api.listAudit({ cursor: cursor ?? undefined, limit: ACTIVITY_PAGE_SIZE });
    setEvents((current) => [...(current ?? []), ...page.events]);
    setCursor(page.nextCursor);
  });

  useEffect(() => {
    void first();
  }, []);

  return (
    <div class="stack">
      <p class="section-intro">
        {isAdmin
          ? "Everything that happened to keys and users, newest first, with who did it and from where."
          : "What happened to your keys and your account, newest first, with who did it and from where."}
      </p>
      <div class="list-area" aria-busy={events === undefined && !loadError}>
        {loadError ? (
          <LoadError what="The activity" reason={loadError} onRetry={first} />
        ) : events === undefined ? (
          <p class="muted" role="status">
            Loading activity…
          </p>
        ) : events.length === 0 ? (
          <div class="empty">
            <p class="empty-title">Nothing has happened yet</p>
            <p>Creating, rolling, disabling and deleting keys will show here.</p>
          </div>
        ) : (
          <ol class="event-list">
            {events.map((event) => (
              <EventRow key={event.id} event={event} now={now} />
            ))}
          </ol>
        )}
      </div>
      {events && cursor && (
        <div>
          <p class="form-error" role="alert">
            {more.error}
          </p>
          <button type="button" class="button" onClick={more.run} disabled={more.busy} aria-busy={more.busy}>
            {more.busy ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}

function EventRow({ event, now }: { event: AuditEvent; now: number }) {
  const { actor, target, targetOwner } = event;
  const role = roleDetail(event);
  // A key is named with its owner; a user is the owner, so saying it twice adds nothing.
  const owner = target.type === "key" && targetOwner ? targetOwner.username : undefined;
  return (
    <li class={event.type === "auth.login_failed" ? "event event-warning" : "event"}>
      <p class="event-what">
        <strong>{LABELS[event.type]}</strong>
        {": "}
        <span>{target.type === "key" ? `“${target.name}”` : target.name}</span>
        {owner && <span class="muted"> of {owner}</span>}
        {role && <span class="muted"> → {role}</span>}
      </p>
      <p class="event-meta muted">
        <time dateTime={event.createdAt} title={formatDate(event.createdAt)}>
          {formatAgo(event.createdAt, now)}
        </time>{" "}
        ({formatDate(event.createdAt)}){" · "}
        {actor ? (
          <span>
            by {actor.username}
            {actor.keyId !== null && ` via key #${actor.keyId}`}
          </span>
        ) : (
          // The first admin is created by whoever holds the setup token, before anyone can sign in.
          <span>{event.type === "user.created" ? "at first-run setup" : "by someone not signed in"}</span>
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
