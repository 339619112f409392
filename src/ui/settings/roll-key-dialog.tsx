import { useState } from "preact/hooks";
import { type ApiKey, api, type RolledKey } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd } from "../components/field";
import { useAction } from "../components/use-action";

interface RollKeyDialogProps {
  apiKey: ApiKey;
  onRolled: (rolled: RolledKey) => void;
  onCancel: () => void;
}

const GRACE_CHOICES = [
  [0, "Immediately"],
  [3600, "In 1 hour"],
  [86_400, "In 1 day"],
  [604_800, "In 7 days"],
] as const;

/**
 * Rotation, step one: how long the old key keeps working, time to put the new one into the app.
 * Nothing changes until "Roll key"; Esc cancels. The new key then goes to the reveal dialog.
 */
export function RollKeyDialog({ apiKey, onRolled, onCancel }: RollKeyDialogProps) {
  const [grace, setGrace] = useState(3600);
  const { busy, error, submit } = useAction(async () => onRolled(await api.rollKey(apiKey.id, { graceSeconds: grace })));

  return (
    <Dialog title={`Roll “${apiKey.name}”`} onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        <p class="dialog-lead">
          You get a new key with the same name, access and expiry, shown once. Give the old key time to be replaced in the app that uses it;
          after that it is refused.
        </p>
        <fieldset class="field choices">
          <legend>The old key stops working</legend>
          {GRACE_CHOICES.map(([seconds, label]) => (
            <div key={seconds} class="choice">
              <input
                id={`roll-grace-${seconds}`}
                type="radio"
                name="roll-grace"
                checked={grace === seconds}
                autofocus={grace === seconds}
                onChange={() => setGrace(seconds)}
              />
              <label for={`roll-grace-${seconds}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <DialogFormEnd error={error} busy={busy} label="Roll key" busyLabel="Rolling…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
