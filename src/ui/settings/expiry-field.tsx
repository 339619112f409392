import { DAY, formatDate } from "../format";

const EXPIRY_CHOICES = [
  ["never", "Never"],
  ["7", "In 7 days"],
  ["30", "In 30 days"],
  ["90", "In 90 days"],
  ["365", "In 365 days"],
  ["custom", "On a date I choose"],
] as const;
export type Expiry = (typeof EXPIRY_CHOICES)[number][0];

/** yyyy-mm-dd of a local day, as <input type="date"> reads and writes it. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The instant the key stops working, or undefined for "never". A chosen date means "through that day", local time. */
export function expiresAt(expiry: Expiry, day: string, now: number): string | undefined {
  if (expiry === "never") return undefined;
  if (expiry === "custom") return day ? new Date(`${day}T23:59:59`).toISOString() : undefined;
  return new Date(now + Number(expiry) * DAY).toISOString();
}

interface ExpiryFieldProps {
  expiry: Expiry;
  onExpiry: (expiry: Expiry) => void;
  day: string;
  onDay: (day: string) => void;
}

/** When a new key stops working: a choice of spans, a date, or never (with a warning). For Create and Renew. */
export function ExpiryField({ expiry, onExpiry, day, onDay }: ExpiryFieldProps) {
  const preview = expiry === "never" || expiry === "custom" ? undefined : expiresAt(expiry, day, Date.now());
  return (
    <>
      <div class="field">
        <label for="key-expiry">Expires</label>
        <select
          id="key-expiry"
          aria-describedby="key-expiry-hint"
          value={expiry}
          onChange={(event) => onExpiry(event.currentTarget.value as Expiry)}
        >
          {EXPIRY_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {expiry === "never" ? (
          <p id="key-expiry-hint" class="warning">
            A key that never expires works until someone deletes it — also when it leaks and nobody notices. Choose an expiry unless this
            key must run unattended for years (this server may still set a maximum lifetime).
          </p>
        ) : (
          <p id="key-expiry-hint" class="hint">
            {preview ? `Stops working ${formatDate(preview)}.` : "Works through the end of that day."}
          </p>
        )}
      </div>
      {expiry === "custom" && (
        <div class="field">
          <label for="key-expiry-day">Expiry date</label>
          <input
            id="key-expiry-day"
            type="date"
            required
            min={isoDay(new Date())}
            value={day}
            onInput={(event) => onDay(event.currentTarget.value)}
          />
        </div>
      )}
    </>
  );
}
