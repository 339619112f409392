import { useState } from "preact/hooks";
import { api, type CreatedKey, RequestError } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd, Field } from "../components/field";
import { useAction } from "../components/use-action";
import { DAY, formatDate } from "../format";
import { type AccessDraft, accessOf, initialAccess, KeyAccessFields } from "./key-access-fields";

interface CreateKeyDialogProps {
  onCreated: (created: CreatedKey) => void;
  onCancel: () => void;
  /** Administrators may give a key the admin group. */
  isAdmin?: boolean;
}

const EXPIRY_CHOICES = [
  ["never", "Never"],
  ["7", "In 7 days"],
  ["30", "In 30 days"],
  ["90", "In 90 days"],
  ["365", "In 365 days"],
  ["custom", "On a date I choose"],
] as const;
type Expiry = (typeof EXPIRY_CHOICES)[number][0];

/** yyyy-mm-dd of a local day, as <input type="date"> reads and writes it. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The instant the key stops working, or undefined for "never". A chosen date means "through that day", local time. */
function expiresAt(expiry: Expiry, day: string, now: number): string | undefined {
  if (expiry === "never") return undefined;
  if (expiry === "custom") return day ? new Date(`${day}T23:59:59`).toISOString() : undefined;
  return new Date(now + Number(expiry) * DAY).toISOString();
}

/**
 * Step one of creating a key: its name, expiry and scope. The key itself comes back from the API
 * once, and goes straight to the reveal dialog.
 */
export function CreateKeyDialog({ onCreated, onCancel, isAdmin = false }: CreateKeyDialogProps) {
  const [name, setName] = useState("");
  // Like GitHub's tokens: a key ends unless someone decides otherwise, and "never" comes with a warning.
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [day, setDay] = useState("");
  const [access, setAccess] = useState<AccessDraft>(initialAccess);
  const { busy, error, submit } = useAction(async () => {
    const narrowing = accessOf(access);
    if (typeof narrowing === "string") throw new RequestError(400, "VALIDATION_ERROR", narrowing);
    onCreated(await api.createKey({ name, ...narrowing, expiresAt: expiresAt(expiry, day, Date.now()) }));
  });
  const preview = expiry === "never" || expiry === "custom" ? undefined : expiresAt(expiry, day, Date.now());

  return (
    <Dialog title="Create API key" onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        <Field
          label="Name"
          value={name}
          onValue={setName}
          hint="Where the key will be used, so you can recognise it later: “Kodi living room”, “AntennaPod on my phone”."
          required
          maxLength={100}
          autocomplete="off"
          autofocus
        />
        <div class="field">
          <label for="new-key-expiry">Expires</label>
          <select
            id="new-key-expiry"
            aria-describedby="new-key-expiry-hint"
            value={expiry}
            onChange={(event) => setExpiry(event.currentTarget.value as Expiry)}
          >
            {EXPIRY_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {expiry === "never" ? (
            <p id="new-key-expiry-hint" class="warning">
              A key that never expires works until someone deletes it — also when it leaks and nobody notices. Choose an expiry unless this
              key must run unattended for years (this server may still set a maximum lifetime).
            </p>
          ) : (
            <p id="new-key-expiry-hint" class="hint">
              {preview ? `Stops working ${formatDate(preview)}.` : "Works through the end of that day."}
            </p>
          )}
        </div>
        {expiry === "custom" && (
          <div class="field">
            <label for="new-key-expiry-day">Expiry date</label>
            <input
              id="new-key-expiry-day"
              type="date"
              required
              min={isoDay(new Date())}
              value={day}
              onInput={(event) => setDay(event.currentTarget.value)}
            />
          </div>
        )}
        <KeyAccessFields draft={access} onDraft={setAccess} isAdmin={isAdmin} />
        <DialogFormEnd error={error} busy={busy} label="Create key" busyLabel="Creating…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
