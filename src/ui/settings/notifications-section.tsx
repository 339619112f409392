import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, type NotificationEvent, type NotificationSettings } from "../api";
import { Field, FormEnd } from "../components/field";
import { LoadError } from "../components/load-error";
import { useAction } from "../components/use-action";
import { formatDate } from "../format";

const EVENTS: [NotificationEvent, string][] = [
  ["key_leaked", "A key was reported leaked and revoked"],
  ["key_expiring", "A key expires within 7 days"],
  ["key_unused", "A key was not used for 90 days"],
  ["sign_in_new_country", "A sign-in from a country not seen before"],
  ["two_factor_disabled", "Two-factor sign-in was turned off"],
  ["key_created_by_key", "A key was created through a key, not this page"],
  ["second_factor_locked", "Two-factor sign-in was locked after wrong codes"],
];

/**
 * Settings → Notifications: an ntfy topic (the push service Pinepods uses too) and what to be told about.
 * Messages name a key by its name and hint, never the key itself.
 */
export function Notifications() {
  const [settings, setSettings] = useState<NotificationSettings>();
  const [loadError, setLoadError] = useState<string>();

  async function load() {
    setLoadError(undefined);
    try {
      setSettings(await api.notifications());
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }
  useEffect(() => {
    void load();
  }, []);

  if (loadError) return <LoadError what="your notification settings" reason={loadError} onRetry={load} />;
  if (!settings) return <p class="muted">Loading…</p>;
  return <NotificationsForm settings={settings} onSaved={setSettings} />;
}

function NotificationsForm({ settings, onSaved }: { settings: NotificationSettings; onSaved: (settings: NotificationSettings) => void }) {
  const target = settings.target;
  const [ntfyUrl, setNtfyUrl] = useState(target?.ntfyUrl ?? "");
  const [events, setEvents] = useState<NotificationEvent[]>(target?.events ?? EVENTS.map(([event]) => event));
  const [disableUnusedKeys, setDisableUnusedKeys] = useState(target?.disableUnusedKeys ?? false);
  const [done, setDone] = useState("");
  const [testResult, setTestResult] = useState<{ text: string; failed: boolean }>();
  const { busy, error, submit } = useAction(async () => {
    setDone("");
    onSaved(await api.saveNotifications({ ntfyUrl: ntfyUrl.trim(), events, disableUnusedKeys }));
    setDone("Saved.");
  });
  const test = useAction(async () => {
    setDone("");
    setTestResult(undefined);
    const { delivered } = await api.testNotification();
    setTestResult(
      delivered
        ? { text: "Sent: check your phone.", failed: false }
        : { text: "The test message could not be delivered (tried twice). Check the topic URL.", failed: true },
    );
    onSaved(await api.notifications());
  });
  const toggle = (event: NotificationEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((each) => each !== event)));

  return (
    <form class="stack notifications" onSubmit={submit}>
      <p class="section-intro">
        Get a push message on your phone when something happens to your keys or account. Subscribe to a topic in the{" "}
        <a href="https://ntfy.sh" rel="noreferrer">
          ntfy
        </a>{" "}
        app and paste its URL here; choose a topic name nobody can guess.
      </p>
      {target?.lastDeliveryFailedAt && (
        <p class="warning" role="status">
          Last delivery failed ({formatDate(target.lastDeliveryFailedAt)}). Check the topic URL, then send a test notification.
        </p>
      )}
      <Field
        label="ntfy topic URL"
        value={ntfyUrl}
        onValue={setNtfyUrl}
        required
        maxLength={300}
        autocomplete="off"
        hint={`For example https://ntfy.sh/podkeys-${"x7f3a9"}. Hosts allowed on this server: ${settings.allowedHosts.join(", ")}.`}
      />
      <fieldset class="field choices">
        <legend>Tell me when</legend>
        {EVENTS.map(([event, label]) => (
          <div key={event} class="choice">
            <input
              id={`notify-${event}`}
              type="checkbox"
              checked={events.includes(event)}
              onChange={(change) => toggle(event, change.currentTarget.checked)}
            />
            <label for={`notify-${event}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <div class="choice">
        <input
          id="notify-disable-unused"
          type="checkbox"
          checked={disableUnusedKeys}
          onChange={(change) => setDisableUnusedKeys(change.currentTarget.checked)}
          aria-describedby="notify-disable-unused-hint"
        />
        <label for="notify-disable-unused">Disable my keys unused for 90 days</label>
        <p id="notify-disable-unused-hint" class="hint">
          Checked once a day. A disabled key can be enabled again from the list.
        </p>
      </div>
      <div class="form-actions">
        <FormEnd error={error} done={done} busy={busy} label="Save notifications" busyLabel="Saving…" />
        {target && (
          <button type="button" class="button" disabled={test.busy} onClick={() => void test.run()}>
            {test.busy ? "Sending…" : "Send a test notification"}
          </button>
        )}
      </div>
      {(test.error || testResult) && (
        <p class={test.error || testResult?.failed ? "form-error" : "success"} role="status">
          {test.error ?? testResult?.text}
        </p>
      )}
    </form>
  );
}
