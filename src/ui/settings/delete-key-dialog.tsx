import { type ApiKey, api, type User } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { formatDate } from "../format";

interface DeleteKeyDialogProps {
  apiKey: ApiKey;
  me: User;
  onDeleted: () => void;
  onCancel: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}

/** Deleting is permanent, so it is confirmed, and the confirmation offers the reversible way out. */
export function DeleteKeyDialog({ apiKey, me, onDeleted, onCancel, returnFocus }: DeleteKeyDialogProps) {
  const someoneElses = apiKey.owner.id !== me.id;
  return (
    <ConfirmDialog
      title={`Delete “${apiKey.name}”?`}
      confirmLabel="Delete key"
      onCancel={onCancel}
      returnFocus={returnFocus}
      onConfirm={async () => {
        await api.deleteKey(apiKey.id);
        onDeleted();
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
    </ConfirmDialog>
  );
}
