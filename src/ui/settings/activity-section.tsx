import { useEffect, useRef, useState } from "preact/hooks";
import { type AuditEvent, api, errorMessage, type User } from "../api";
import { LoadError } from "../components/load-error";
import { useAction } from "../components/use-action";
import { useNow } from "../components/use-now";
import { EVENT_LABELS, EventRow } from "./activity-event";

/** Events a page: enough to fill a screen, small enough to arrive at once. */
export const ACTIVITY_PAGE_SIZE = 20;

const FILTER_TYPES = Object.keys(EVENT_LABELS) as AuditEvent["type"][];

interface Filters {
  type?: AuditEvent["type"];
  userId?: number;
  keyId?: number;
}

/** The audit log, newest first: every event for administrators, events about your own keys and account otherwise. */
export function Activity({ isAdmin, users }: { isAdmin: boolean; users?: User[] }) {
  const [events, setEvents] = useState<AuditEvent[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [filters, setFilters] = useState<Filters>({});
  // The keys the key filter offers: every key seen in the log so far, deleted ones included.
  const [seenKeys, setSeenKeys] = useState(new Map<number, { name: string; hint: string | null }>());
  const now = useNow();
  const latest = useRef(0);

  function remember(page: AuditEvent[]) {
    setSeenKeys((seen) => {
      const next = new Map(seen);
      for (const { target } of page) if (target.type === "key" && !next.has(target.id)) next.set(target.id, target);
      return next;
    });
  }

  async function first() {
    const request = ++latest.current;
    setLoadError(undefined);
    setEvents(undefined);
    try {
      const page = await api.listAudit({ limit: ACTIVITY_PAGE_SIZE, ...filters });
      if (request !== latest.current) return;
      setEvents(page.events);
      setCursor(page.nextCursor);
      remember(page.events);
    } catch (error) {
      if (request === latest.current) setLoadError(errorMessage(error));
    }
  }

  const more = useAction(async () => {
    const page = await api.listAudit({ cursor: cursor ?? undefined, limit: ACTIVITY_PAGE_SIZE, ...filters });
    setEvents((current) => [...(current ?? []), ...page.events]);
    setCursor(page.nextCursor);
    remember(page.events);
  });

  useEffect(() => {
    void first();
  }, [filters.type, filters.userId, filters.keyId]);

  const filtered = filters.type !== undefined || filters.userId !== undefined || filters.keyId !== undefined;
  const set = (change: Filters) => setFilters({ ...filters, ...change });
  const number = (value: string) => (value ? Number(value) : undefined);

  return (
    <div class="stack">
      <p class="section-intro">
        {isAdmin
          ? "Everything that happened to keys and users, newest first, with who did it and from where."
          : "What happened to your keys and your account, newest first, with who did it and from where."}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset's legend and border do not fit this one-line toolbar; role=group names it the same way. */}
      <div class="filters" role="group" aria-label="Filter the activity">
        <label class="inline-field">
          <span>Event</span>
          <select
            value={filters.type ?? ""}
            onChange={(event) => set({ type: (event.currentTarget.value || undefined) as Filters["type"] })}
          >
            <option value="">All events</option>
            {FILTER_TYPES.map((type) => (
              <option key={type} value={type}>
                {EVENT_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        {isAdmin && users && (
          <label class="inline-field">
            <span>User</span>
            <select value={filters.userId ?? ""} onChange={(event) => set({ userId: number(event.currentTarget.value) })}>
              <option value="">Everyone</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.username}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="inline-field">
          <span>Key</span>
          <select value={filters.keyId ?? ""} onChange={(event) => set({ keyId: number(event.currentTarget.value) })}>
            <option value="">All keys</option>
            {[...seenKeys].map(([id, key]) => (
              <option key={id} value={id}>
                {key.name}
                {key.hint ? ` (${key.hint})` : ""}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="list-area" aria-busy={events === undefined && !loadError}>
        {loadError ? (
          <LoadError what="The activity" reason={loadError} onRetry={first} />
        ) : events === undefined ? (
          <p class="muted" role="status">
            Loading activity…
          </p>
        ) : events.length === 0 && filtered ? (
          <div class="empty">
            <p class="empty-title">No events match these filters</p>
            <button type="button" class="button" onClick={() => setFilters({})}>
              Show all events
            </button>
          </div>
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
