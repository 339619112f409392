import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorMessage, type Session } from "../api";
import { LoadError } from "../components/load-error";
import { useNow } from "../components/use-now";
import { countryName, formatAgo, formatDate } from "../format";

/** "Firefox on Android" from a user agent: enough to recognise one's own devices, no library needed. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : /^curl\//.test(userAgent)
            ? "curl"
            : "A browser";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Mac OS X|Macintosh/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /Linux|X11/.test(userAgent)
            ? "Linux"
            : undefined;
  return system ? `${browser} on ${system}` : browser;
}

/** Where you are signed in: this browser first, then the rest, each of which can be ended at once. */
export function Sessions() {
  const [sessions, setSessions] = useState<Session[]>();
  const [loadError, setLoadError] = useState<string>();
  const [announcement, setAnnouncement] = useState({ text: "", failed: false });
  const [busy, setBusy] = useState(false);
  // After a sign-out the button is gone: focus goes to the line that says what happened.
  const status = useRef<HTMLParagraphElement>(null);
  const now = useNow();

  async function load() {
    setLoadError(undefined);
    try {
      setSessions((await api.listSessions()).sessions);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function act(work: () => Promise<string>, failure: string) {
    setBusy(true);
    setAnnouncement({ text: "", failed: false });
    try {
      setAnnouncement({ text: await work(), failed: false });
    } catch (error) {
      setAnnouncement({ text: `${failure} ${errorMessage(error)}`, failed: true });
    } finally {
      setBusy(false);
      await load();
      status.current?.focus();
    }
  }

  const others = sessions?.filter((session) => !session.current) ?? [];
  const ordered = sessions ? [...sessions].sort((a, b) => Number(b.current) - Number(a.current)) : undefined;

  return (
    <div class="stack">
      <p class="section-intro">
        Every browser signed in to your account. End any you do not recognise: it is signed out at once. API keys are not sessions and keep
        working.
      </p>
      <p ref={status} tabIndex={-1} class={announcement.failed ? "form-error" : "success"} role="status">
        {announcement.text}
      </p>
      <div class="list-area" aria-busy={sessions === undefined && !loadError}>
        {loadError ? (
          <LoadError what="Your sessions" reason={loadError} onRetry={load} />
        ) : ordered === undefined ? (
          <p class="muted">Loading sessions…</p>
        ) : (
          <ul class="session-list">
            {ordered.map((session) => (
              <li key={session.id} class="session-row">
                <div>
                  <p class="session-device">
                    {deviceName(session.userAgent)}
                    {session.current && <span class="badge">this browser</span>}
                  </p>
                  <p class="muted session-meta">
                    {session.country ? `${countryName(session.country)} · ` : ""}
                    {/* This browser is active right now: its stored last-seen is written at most once an hour. */}
                    {session.current ? (
                      "active now"
                    ) : (
                      <>
                        last seen{" "}
                        <time dateTime={session.lastSeenAt} title={formatDate(session.lastSeenAt)}>
                          {formatAgo(session.lastSeenAt, now)}
                        </time>
                      </>
                    )}
                    {" · signed in "}
                    <time dateTime={session.createdAt}>{formatDate(session.createdAt)}</time>
                  </p>
                </div>
                {!session.current && (
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    onClick={() =>
                      act(async () => {
                        await api.endSession(session.id);
                        return `${deviceName(session.userAgent)} is signed out.`;
                      }, "That session could not be ended.")
                    }
                  >
                    Sign out
                    <span class="visually-hidden">
                      {" "}
                      {deviceName(session.userAgent)}, last seen {formatAgo(session.lastSeenAt, now)}
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {others.length > 0 && (
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() =>
            act(async () => {
              const { ended } = await api.endOtherSessions();
              return ended === 1 ? "1 other session is signed out." : `${ended} other sessions are signed out.`;
            }, "The other sessions could not be ended.")
          }
        >
          Sign out other sessions
        </button>
      )}
    </div>
  );
}
