import { useState } from "preact/hooks";
import { type ApiKey, api, type RolledKey } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd } from "../components/field";
import { useAction } from "../components/use-action";
import { formatDate } from "../format";
import { type Expiry, ExpiryField, expiresAt } from "./expiry-field";

interface RollKeyDialogProps {
  apiKey: ApiKey;
  /** Renew: a new expiry instead of a grace; the old key works until its own expiry (if not already past). */
  renew?: boolean;
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
export function RollKeyDialog({ apiKey, renew, onRolled, onCancel }: RollKeyDialogProps) {
  const [grace, setGrace] = useState(3600);
  const [expiry, setExpiry] = useState<Expiry>("90");
  const [day, setDay] = useState("");
  const { busy, error, submit } = useAction(async () =>
    onRolled(
      await api.rollKey(
        apiKey.id,
        // The server ends the old key at the earlier of its expiry and the grace: 7 days covers any "expiring".
        renew ? { graceSeconds: 604_800, expiresAt: expiresAt(expiry, day, Date.now()) ?? null } : { graceSeconds: grace },
      ),
    ),
  );

  return (
    <Dialog title={`${renew ? "Renew" : "Roll"} “${apiKey.name}”`} onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        {renew ? (
          <>
            <p class="dialog-lead">
              You get a new key with the same name and access and a new expiry, shown once.{" "}
              {apiKey.expiresAt && Date.parse(apiKey.expiresAt) > Date.now()
                ? `The old key keeps working until it expires, ${formatDate(apiKey.expiresAt)}.`
                : "The old key has expired and stays refused."}
            </p>
            <ExpiryField expiry={expiry} onExpiry={setExpiry} day={day} onDay={setDay} />
          </>
        ) : (
          <RollGrace grace={grace} onGrace={setGrace} />
        )}
        <DialogFormEnd
          error={error}
          busy={busy}
          label={renew ? "Renew key" : "Roll key"}
          busyLabel={renew ? "Renewing…" : "Rolling…"}
          onCancel={onCancel}
        />
      </form>
    </Dialog>
  );
}

function RollGrace({ grace, onGrace }: { grace: number; onGrace: (seconds: number) => void }) {
  return (
    <>
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
              onChange={() => onGrace(seconds)}
            />
            <label for={`roll-grace-${seconds}`}>{label}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}
