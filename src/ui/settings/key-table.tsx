import type { ApiKey } from "../api";
import { formatDate } from "../format";

interface KeyTableProps {
  keys: ApiKey[];
  showOwner: boolean;
  onDelete: (key: ApiKey) => void;
}

/**
 * The keys, newest first. A key's secret is never here: only the hint (prefix and last characters),
 * which is enough to match a key in a config file to its row. Names are rendered as text, never as markup.
 * Below 640 px each row becomes a card; the data-label attributes caption its cells there.
 */
export function KeyTable({ keys, showOwner, onDelete }: KeyTableProps) {
  return (
    <table class="key-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          {showOwner && <th scope="col">Owner</th>}
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id}>
            <th scope="row" class="key-name">
              {key.name}
            </th>
            <td data-label="Key">
              <code class="hint-code">{key.hint}</code>
            </td>
            {showOwner && <td data-label="Owner">{key.owner.username}</td>}
            <td data-label="Created">
              <time dateTime={key.createdAt}>{formatDate(key.createdAt)}</time>
            </td>
            <td data-label="Last used">
              {key.lastUsedAt ? <time dateTime={key.lastUsedAt}>{formatDate(key.lastUsedAt)}</time> : <span class="muted">never</span>}
            </td>
            <td class="row-actions">
              <button type="button" class="button button-quiet-danger" onClick={() => onDelete(key)}>
                Delete<span class="visually-hidden"> {key.name}</span>
              </button>
            </td>
          </tr>
        ))}
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
