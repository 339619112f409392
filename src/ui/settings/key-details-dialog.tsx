import { useEffect, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage, type KeyUsageDay } from "../api";
import { Dialog } from "../components/dialog";
import { formatDate } from "../format";
import { keyStatus, SCOPE_LABELS } from "./key-status";
import { leakReport } from "./leaked-key";
import { UsageChart, usageSummary } from "./usage-chart";

export const USAGE_DAYS = 30;

interface KeyDetailsProps {
  apiKey: ApiKey;
  /** The keys this one replaced, roll after roll: their days count as this key's, so history follows the key. */
  earlier?: ApiKey[];
  now: number;
  onClose: () => void;
}

/** One key up close: what it is, and how often it (and the keys it replaced) was checked in the last 30 days. */
export function KeyDetailsDialog({ apiKey, earlier = [], now, onClose }: KeyDetailsProps) {
  const [days, setDays] = useState<KeyUsageDay[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    Promise.all([apiKey, ...earlier].map((key) => api.keyUsage(key.id, USAGE_DAYS))).then(
      ([own, ...before]) =>
        setDays(
          own!.days.map((day, index) => ({
            ...day,
            valid: before.reduce((sum, usage) => sum + (usage.days[index]?.valid ?? 0), day.valid),
            refused: before.reduce((sum, usage) => sum + (usage.days[index]?.refused ?? 0), day.refused),
          })),
        ),
      (caught) => setError(errorMessage(caught)),
    );
  }, [apiKey.id]);

  return (
    <Dialog title={`“${apiKey.name}”`} onDismiss={onClose}>
      <dl class="facts">
        <dt>Key</dt>
        <dd>
          <code class="hint-code">{apiKey.hint}</code>
        </dd>
        <dt>Access</dt>
        <dd>{SCOPE_LABELS[apiKey.scope]}</dd>
        <dt>Status</dt>
        <dd>
          {keyStatus(apiKey, now).label}
          {apiKey.leak && <span class="cell-note leak-report">{leakReport(apiKey.leak)}</span>}
        </dd>
        <dt>Owner</dt>
        <dd>{apiKey.owner.username}</dd>
        <dt>Created</dt>
        <dd>{formatDate(apiKey.createdAt)}</dd>
        {apiKey.note && (
          <>
            <dt>Note</dt>
            <dd class="note-text">{apiKey.note}</dd>
          </>
        )}
      </dl>
      <h3 class="subheading">Use in the last {USAGE_DAYS} days</h3>
      {earlier.length > 0 && <p class="muted">With the {earlier.length === 1 ? "key" : `${earlier.length} keys`} it replaced.</p>}
      <div aria-busy={days === undefined && !error}>
        {error ? (
          <p class="form-error">The usage could not be loaded. {error}</p>
        ) : days === undefined ? (
          <p class="muted">Loading usage…</p>
        ) : (
          <>
            <p>{usageSummary(days)}.</p>
            <UsageChart days={days} />
          </>
        )}
      </div>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onClose} autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
