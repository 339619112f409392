import type { ApiKey } from "../api";
import { ActionsMenu, type MenuItem } from "../components/actions-menu";
import { countryName, formatAgo, formatDate, formatDay } from "../format";
import { keyStatus, SCOPE_LABELS } from "./key-status";

export type KeyAction = "roll" | "disable" | "enable" | "delete";

interface KeyTableProps {
  keys: ApiKey[];
  showOwner: boolean;
  /** The time the relative dates are measured from (kept fresh by the caller). */
  now: number;
  onAction: (key: ApiKey, action: KeyAction) => void;
}

/** The id of a key's Actions button, for putting focus back on it after a dialog. */
export const actionsToggleId = (keyId: number) => `key-actions-${keyId}`;

/** What may be done to a key in its state: an expired key can only go; a disabled one is enabled before it is rolled. */
function actionsFor(key: ApiKey, now: number): Exclude<KeyAction, "delete">[] {
  const { state } = keyStatus(key, now);
  if (state === "expired") return [];
  if (state === "disabled") return ["enable"];
  return ["roll", "disable"];
}

const ACTION_LABELS: Record<KeyAction, string> = { roll: "Roll", disable: "Disable", enable: "Enable", delete: "Delete" };

/**
 * The keys, newest first. A key's secret is never here: only the hint (prefix and last characters),
 * which is enough to match a key in a config file to its row. Names are rendered as text, never as markup.
 * On narrower screens each row becomes a card; the data-label attributes caption its cells there.
 */
export function KeyTable({ keys, showOwner, now, onAction }: KeyTableProps) {
  return (
    <table class="key-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          {showOwner && <th scope="col">Owner</th>}
          <th scope="col">Access</th>
          <th scope="col">Status</th>
          <th scope="col">Last used</th>
          <th scope="col">Created</th>
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
          return (
            <tr key={key.id} class={status.state === "active" || status.state === "expiring" ? undefined : "key-inactive"}>
              <th scope="row" class="key-name">
                {key.name}
                {key.kind === "sign_in" && (
                  <span class="badge badge-sign-in" title="Made when a Pinepods app signed in with your password. Ends when the password changes.">
                    sign-in
                  </span>
                )}
              </th>
              <td data-label="Key">
                <code class="hint-code">{key.hint}</code>
              </td>
              {showOwner && <td data-label="Owner">{key.owner.username}</td>}
              <td data-label="Access">
                <span class={`scope scope-${key.scope}`}>{SCOPE_LABELS[key.scope]}</span>
              </td>
              <td data-label="Status">
                <span class={`status status-${status.state}`} title={key.expiresAt ? `Expires ${formatDate(key.expiresAt)}` : undefined}>
                  {status.label}
                </span>
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
