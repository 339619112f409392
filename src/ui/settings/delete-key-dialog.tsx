import { useState } from "preact/hooks";
import { type ApiKey, api, type User } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { formatDate } from "../format";

interface DeleteKeyDialogProps {
  apiKey: ApiKey;
  me: User;
  /** The old key of a roll this key replaced, still in its grace: it would outlive this one. */
  predecessor?: ApiKey;
  onDeleted: (alsoOld: boolean) => void;
  onCancel: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}

/** Deleting is permanent, so it is confirmed, and the confirmation offers the reversible way out. */
export function DeleteKeyDialog({ apiKey, me, predecessor, onDeleted, onCancel, returnFocus }: DeleteKeyDialogProps) {
  const someoneElses = apiKey.owner.id !== me.id;
  const [alsoOld, setAlsoOld] = useState(true);
  return (
    <ConfirmDialog
      title={`Delete “${apiKey.name}”?`}
      confirmLabel="Delete key"
      onCancel={onCancel}
      returnFocus={returnFocus}
      onConfirm={async () => {
        await api.deleteKey(apiKey.id);
        const endOld = predecessor !== undefined && alsoOld;
        if (endOld) await api.deleteKey(predecessor.id);
        onDeleted(endOld);
      }}
    >
      <p>
        Deleting this key is permanent. Any application using it loses access instantly
        {someoneElses ? `, and ${apiKey.owner.username} will need to create a new one` : ""}.
        {apiKey.enabled && " To pause it instead, disable it: that can be undone."}
      </p>
      <p class="muted">
        Key <code class="hint-code">{apiKey.hint}</code>, created {formatDate(apiKey.createdAt)}.
      </p>
      {predecessor?.expiresAt && (
        <>
          <p class="warning">
            The key it replaced (<code class="hint-code">{predecessor.hint}</code>) still works until {formatDate(predecessor.expiresAt)}:
            deleting this one does not stop it.
          </p>
          <label class="inline-field checkbox-field">
            <input type="checkbox" checked={alsoOld} onChange={(event) => setAlsoOld(event.currentTarget.checked)} />
            <span>Also end the old key now</span>
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}
