import { useState } from "preact/hooks";
import { api, type CreatedKey, type Scope } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd, Field } from "../components/field";
import { useAction } from "../components/use-action";
import { type Expiry, ExpiryField, expiresAt } from "./expiry-field";
import { SCOPE_LABELS } from "./key-status";

interface CreateKeyDialogProps {
  /** Keys reach a Pinepods server through this Podkeys: its apps need write access, so that is the default. */
  podcastServer?: boolean;
  onCreated: (created: CreatedKey) => void;
  onCancel: () => void;
}

/**
 * The access choices, in order, with what each means for a podcast app. One list, so the narrow-keys
 * work's presets (Podcast app, Media center, Script…) can replace it in one place.
 */
const ACCESS_CHOICES: { scope: Scope; hint: string }[] = [
  {
    scope: "full",
    hint: "What a Pinepods app needs to save progress and subscriptions. It may also create, roll, disable and delete your keys — never users or passwords.",
  },
  { scope: "read", hint: "Can read, never change: GET requests only. A podcast app can list and play, but not save progress." },
];

/**
 * Step one of creating a key: its name, expiry and scope. The key itself comes back from the API
 * once, and goes straight to the reveal dialog.
 */
export function CreateKeyDialog({ podcastServer = false, onCreated, onCancel }: CreateKeyDialogProps) {
  const [name, setName] = useState("");
  // Like GitHub's tokens: a key ends unless someone decides otherwise, and "never" comes with a warning.
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [day, setDay] = useState("");
  // Behind the door a Pinepods app must write (save_episode…); without a podcast server, the narrower default.
  const [scope, setScope] = useState<Scope>(podcastServer ? "full" : "read");
  const { busy, error, submit } = useAction(async () =>
    onCreated(await api.createKey({ name, scope, expiresAt: expiresAt(expiry, day, Date.now()) })),
  );

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
        <ExpiryField expiry={expiry} onExpiry={setExpiry} day={day} onDay={setDay} />
        <fieldset class="field choices">
          <legend>Access</legend>
          {ACCESS_CHOICES.map(({ scope: value, hint }) => (
            <div key={value} class="choice">
              <input
                id={`new-key-scope-${value}`}
                type="radio"
                name="new-key-scope"
                value={value}
                checked={scope === value}
                onChange={() => setScope(value)}
                aria-describedby={`new-key-scope-${value}-hint`}
              />
              <label for={`new-key-scope-${value}`}>{SCOPE_LABELS[value]}</label>
              <p id={`new-key-scope-${value}-hint`} class="hint">
                {hint}
              </p>
            </div>
          ))}
        </fieldset>
        <DialogFormEnd error={error} busy={busy} label="Create key" busyLabel="Creating…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
