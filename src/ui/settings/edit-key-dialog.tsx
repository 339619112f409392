import { useId, useState } from "preact/hooks";
import { type ApiKey, api } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd, Field } from "../components/field";
import { useAction } from "../components/use-action";

interface EditKeyDialogProps {
  apiKey: ApiKey;
  onSaved: (apiKey: ApiKey) => void;
  onCancel: () => void;
}

export const NOTE_MAX = 500;

/** A key's label: its name and a note in the owner's words. The key itself, its access and expiry stay as they are. */
export function EditKeyDialog({ apiKey, onSaved, onCancel }: EditKeyDialogProps) {
  const [name, setName] = useState(apiKey.name);
  const [note, setNote] = useState(apiKey.note ?? "");
  const noteId = useId();
  const { busy, error, submit } = useAction(async () => {
    // Only what changed: an unchanged name is not sent, so no rename is recorded for it.
    const changes = { ...(name !== apiKey.name && { name }), ...(note !== (apiKey.note ?? "") && { note }) };
    onSaved(Object.keys(changes).length === 0 ? apiKey : (await api.updateKey(apiKey.id, changes)).apiKey);
  });

  return (
    <Dialog title={`Rename or add a note to “${apiKey.name}”`} onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        <Field label="Name" value={name} onValue={setName} required maxLength={100} autocomplete="off" autofocus />
        <div class="field">
          <label for={noteId}>Note (optional)</label>
          <textarea
            id={noteId}
            rows={3}
            maxLength={NOTE_MAX}
            value={note}
            aria-describedby={`${noteId}-hint`}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
          <p id={`${noteId}-hint`} class="hint">
            Where the key runs, who to ask before deleting it. Plain text, up to {NOTE_MAX} characters ({NOTE_MAX - note.length} left).
          </p>
        </div>
        <DialogFormEnd error={error} busy={busy} label="Save" busyLabel="Saving…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
