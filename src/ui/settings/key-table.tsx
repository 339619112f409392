import type { ApiKey } from "../api";
import { ActionsMenu, type MenuItem } from "../components/actions-menu";
import { countryName, formatAgo, formatDate, formatDay } from "../format";
import { KeyAccessSummary } from "./key-access-badges";
import type { Sort, SortColumn } from "./key-list-view";
import { keyStatus } from "./key-status";
import { leakReport } from "./leaked-key";

export type KeyAction = "details" | "roll" | "renew" | "disable" | "enable" | "edit" | "delete" | "replace";

interface KeyTableProps {
  keys: ApiKey[];
  showOwner: boolean;
  /** The time the relative dates are measured from (kept fresh by the caller). */
  now: number;
  onAction: (key: ApiKey, action: KeyAction) => void;
  /** The list's order, shown on its column as aria-sort; without onSort the headers are plain. */
  sort?: Sort;
  onSort?: (column: SortColumn) => void;
}

/** The id of a key's Actions button, for putting focus back on it after a dialog. */
export const actionsToggleId = (keyId: number) => `key-actions-${keyId}`;

/**
 * What may be done to a key in its state: an expired key is renewed or goes; the old key of a roll (its
 * successor has its name and does the work) only shows its usage; a disabled one is enabled before it is rolled.
 */
function actionsFor(key: ApiKey, now: number): Exclude<KeyAction, "delete">[] {
  const { state } = keyStatus(key, now);
  // A leaked key never works again: a new key takes its place, and the old row can go.
  if (state === "leaked") return ["replace", "details"];
  if (key.replacedById !== null) return ["details"];
  if (state === "expired") return ["renew", "details"];
  if (state === "disabled") return ["enable", "edit", "details"];
  return [...(state === "expiring" ? (["renew"] as const) : []), "roll", "disable", "edit", "details"];
}

const ACTION_LABELS: Record<KeyAction, string> = {
  roll: "Roll",
  renew: "Renew",
  disable: "Disable",
  enable: "Enable",
  edit: "Rename",
  details: "Usage",
  delete: "Delete",
  replace: "Create a replacement",
};

/**
 * The keys, newest first. A key's secret is never here: only the hint (prefix and last characters),
 * which is enough to match a key in a config file to its row. Names are rendered as text, never as markup.
 * On narrower screens each row becomes a card; the data-label attributes caption its cells there.
 */
export function KeyTable({ keys, showOwner, now, onAction, sort, onSort }: KeyTableProps) {
  const byId = new Map(keys.map((key) => [key.id, key]));
  const predecessorOf = new Map(keys.filter((key) => key.replacedById !== null).map((key) => [key.replacedById!, key]));
  const header = (label: string, column?: SortColumn) => <SortableHeader label={label} column={column} sort={sort} onSort={onSort} />;
  return (
    <table class="key-table">
      <thead>
        <tr>
          {header("Name", "name")}
          <th scope="col">Key</th>
          {showOwner && <th scope="col">Owner</th>}
          <th scope="col">Access</th>
          {header("Status", "expires")}
          {header("Last used", "lastUsed")}
          {header("Created", "created")}
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const status = keyStatus(key, now);
          const items: MenuItem[] = [...actionsFor(key, now), "delete" as const].map((action) => ({
            label: ACTION_LABELS[action],
            about: key.name,
            danger: action === "delete",
            onSelect: () => onAction(key, action),
          }));
          const successor = key.replacedById === null ? undefined : byId.get(key.replacedById);
          const predecessor = predecessorOf.get(key.id);
          const rowClass = [status.state === "active" || status.state === "expiring" ? "" : "key-inactive", successor ? "key-replaced" : ""]
            .join(" ")
            .trim();
          return (
            <tr key={key.id} class={rowClass || undefined}>
              <th scope="row" class="key-name">
                {key.name}
                {key.kind === "sign_in" && (
                  <span
                    class="badge badge-sign-in"
                    title="Made when a Pinepods app signed in with your password. Ends when the password changes."
                  >
                    sign-in
                  </span>
                )}
                {/* Rolled keys share a name: the hints tell the pair apart. */}
                {key.replacedById !== null && (
                  <span class="cell-note">replaced by {successor ? <code class="hint-code">{successor.hint}</code> : "a deleted key"}</span>
                )}
                {predecessor && (
                  <span class="cell-note">
                    replacement of <code class="hint-code">{predecessor.hint}</code>
                  </span>
                )}
                {key.note && (
                  <span class="cell-note key-note" title={key.note}>
                    {key.note}
                  </span>
                )}
              </th>
              <td data-label="Key">
                <code class="hint-code">{key.hint}</code>
              </td>
              {showOwner && <td data-label="Owner">{key.owner.username}</td>}
              <td data-label="Access">
                <KeyAccessSummary apiKey={key} />
              </td>
              <td data-label="Status">
                <span class={`status status-${status.state}`} title={key.expiresAt ? `Expires ${formatDate(key.expiresAt)}` : undefined}>
                  {status.label}
                </span>
                {/* A disabled key's expiry still matters: enabling it brings it back only until then. */}
                {status.state === "disabled" && key.expiresAt && <span class="cell-note">Expires {formatDay(key.expiresAt)}</span>}
                {key.leak && (
                  <span class="cell-note leak-report" title={formatDate(key.leak.at)}>
                    {leakReport(key.leak)}
                  </span>
                )}
              </td>
              <td data-label="Last used">
                {key.lastUsedAt ? (
                  <span>
                    <time dateTime={key.lastUsedAt} title={formatDate(key.lastUsedAt)}>
                      {formatAgo(key.lastUsedAt, now)}
                    </time>
                    {key.lastUsedCountry && <span class="cell-note">{countryName(key.lastUsedCountry)}</span>}
                  </span>
                ) : (
                  <span class="muted">never</span>
                )}
              </td>
              <td data-label="Created">
                <time dateTime={key.createdAt} title={formatDate(key.createdAt)}>
                  {formatDay(key.createdAt)}
                </time>
              </td>
              <td class="row-actions">
                <ActionsMenu about={key.name} items={items} toggleId={actionsToggleId(key.id)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface SortableHeaderProps {
  label: string;
  column?: SortColumn;
  sort?: Sort;
  onSort?: (column: SortColumn) => void;
}

/** A column header that sorts the list: a button inside the <th>, whose aria-sort says the current order. */
function SortableHeader({ label, column, sort, onSort }: SortableHeaderProps) {
  if (!column || !onSort) return <th scope="col">{label}</th>;
  const sorted = sort?.column === column ? sort.direction : undefined;
  return (
    <th scope="col" aria-sort={sorted}>
      <button type="button" class="sort-button" onClick={() => onSort(column)}>
        {label}
        <svg class={`sort-mark${sorted ? ` sort-${sorted}` : ""}`} viewBox="0 0 16 16" aria-hidden="true">
          <path d={sorted === "ascending" ? "M4 10l4-4 4 4" : sorted === "descending" ? "M4 6l4 4 4-4" : "M5 6l3-3 3 3M5 10l3 3 3-3"} />
        </svg>
      </button>
    </th>
  );
}

/** Placeholder rows the same height as real ones, so the page does not jump when the list arrives. */
export function KeyTableSkeleton({ rows = 2 }: { rows?: number }) {
  return (
    <div class="skeleton" aria-hidden="true">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} class="skeleton-row" />
      ))}
    </div>
  );
}
