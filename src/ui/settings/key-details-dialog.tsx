import { useEffect, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage, type KeyUsageDay } from "../api";
import { Dialog } from "../components/dialog";
import { formatDate } from "../format";
import { keyStatus, SCOPE_LABELS } from "./key-status";
import { leakReport } from "./leaked-key";
import { UsageChart, usageSummary } from "./usage-chart";

export const USAGE_DAYS = 30;

/** One key up close: what it is, and how often it was checked in the last 30 days. */
export function KeyDetailsDialog({ apiKey, now, onClose }: { apiKey: ApiKey; now: number; onClose: () => void }) {
  const [days, setDays] = useState<KeyUsageDay[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.keyUsage(apiKey.id, USAGE_DAYS).then(
      (usage) => setDays(usage.days),
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
