import { useState } from "preact/hooks";
import { type ApiKey, api } from "../api";
import { Dialog } from "../components/dialog";
import { Field, FormError } from "../components/field";
import { useAction } from "../components/use-action";

interface CreateKeyDialogProps {
  onCreated: (created: { key: string; apiKey: ApiKey }) => void;
  onCancel: () => void;
}

/** Step one of creating a key: its name. The key itself comes back from the API once, and goes straight to the reveal dialog. */
export function CreateKeyDialog({ onCreated, onCancel }: CreateKeyDialogProps) {
  const [name, setName] = useState("");
  const { busy, error, submit } = useAction(async () => onCreated(await api.createKey(name)));

  return (
    <Dialog title="Create API key" onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        <Field
          label="Name"
          value={name}
          onValue={setName}
          hint="Where the key will be used, so you can recognise it later: “Kodi living room”, “AntennaPod on my phone”."
          required
          maxLength={100}
          autocomplete="off"
          autofocus
        />
        <FormError message={error} />
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
