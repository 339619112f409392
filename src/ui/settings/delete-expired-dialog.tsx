import { useEffect, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { formatDate } from "../format";

interface DeleteExpiredDialogProps {
  /** An administrator's owner filter: only that user's expired keys. */
  userId: number | undefined;
  showOwner: boolean;
  onDeleted: (deleted: { id: number; name: string }[]) => void;
  onCancel: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}

/**
 * One confirmation for every expired key, listing exactly those the server will delete: the list is
 * read afresh for the same owner scope, not taken from the screen, which a search or filter may narrow.
 */
export function DeleteExpiredDialog({ userId, showOwner, onDeleted, onCancel, returnFocus }: DeleteExpiredDialogProps) {
  const [expired, setExpired] = useState<ApiKey[]>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    api.listKeys({ userId }).then(
      ({ keys }) => setExpired(keys.filter((key) => key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now())),
      (error) => setLoadError(errorMessage(error)),
    );
  }, [userId]);

  const count = expired?.length;
  return (
    <ConfirmDialog
      title={count === 1 ? "Delete 1 expired key?" : count === undefined ? "Delete expired keys?" : `Delete ${count} expired keys?`}
      confirmLabel="Delete expired keys"
      onCancel={onCancel}
      returnFocus={returnFocus}
      onConfirm={async () => onDeleted((await api.deleteExpiredKeys(userId)).deleted)}
    >
      <p>
        These keys no longer work: their expiry has passed, or they were replaced by a roll whose grace is over. Deleting them is permanent
        and only tidies the list.
      </p>
      {loadError ? (
        <p class="form-error">{loadError}</p>
      ) : expired === undefined ? (
        <p class="muted">Finding expired keys…</p>
      ) : (
        <ul class="expired-list">
          {expired.map((key) => (
            <li key={key.id}>
              <strong>{key.name}</strong> <code class="hint-code">{key.hint}</code>
              {showOwner && <span class="muted"> · {key.owner.username}</span>}
              <span class="muted"> · expired {formatDate(key.expiresAt!)}</span>
            </li>
          ))}
        </ul>
      )}
    </ConfirmDialog>
  );
}
