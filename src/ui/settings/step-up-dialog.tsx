import { useEffect, useState } from "preact/hooks";
import { api, onReauthenticationRequired } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd, Field } from "../components/field";
import { useAction } from "../components/use-action";

/**
 * "Confirm it's you": shown in place when a sensitive change (two-factor on or off, linking the
 * podcast server…) needs the password, or a two-factor code, from the last 10 minutes. Once
 * confirmed, the change the person asked for goes on by itself (api.ts sends it again).
 */
export function StepUpHost() {
  const [pending, setPending] = useState<((confirmed: boolean) => void) | undefined>(undefined);
  useEffect(() => {
    onReauthenticationRequired(() => new Promise<boolean>((resolve) => setPending(() => resolve)));
    return () => onReauthenticationRequired(async () => false);
  }, []);
  if (!pending) return null;
  const finish = (confirmed: boolean) => {
    setPending(undefined);
    pending(confirmed);
  };
  return <StepUpDialog onDone={() => finish(true)} onCancel={() => finish(false)} />;
}

function StepUpDialog({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [useCode, setUseCode] = useState(false);
  // The code option is offered only to someone with two-factor on.
  const [twoFactor, setTwoFactor] = useState(false);
  useEffect(() => {
    api.twoFactorStatus().then(
      (status) => setTwoFactor(status.enabled),
      () => undefined,
    );
  }, []);
  const [value, setValue] = useState("");
  const { busy, error, submit } = useAction(async () => {
    await api.reauthenticate(useCode ? { code: value } : { password: value });
    onDone();
  });
  return (
    <Dialog title="Confirm it's you" onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        <p class="dialog-lead">
          This change protects your account, so Podkeys asks again.{" "}
          {useCode ? "Enter a code from your authenticator app" : "Enter your password"} and the change goes on; you will not be asked again
          for 10 minutes.
        </p>
        {useCode ? (
          <Field
            key="code"
            label="Two-factor code"
            value={value}
            onValue={setValue}
            autocomplete="one-time-code"
            required
            maxLength={32}
            autofocus
          />
        ) : (
          <Field
            key="password"
            label="Password"
            type="password"
            value={value}
            onValue={setValue}
            autocomplete="current-password"
            required
            autofocus
          />
        )}
        {twoFactor && (
          <button
            type="button"
            class="button-link"
            onClick={() => {
              setUseCode(!useCode);
              setValue("");
            }}
          >
            {useCode ? "Use your password instead" : "Use a two-factor code instead"}
          </button>
        )}
        <DialogFormEnd error={error} busy={busy} label="Confirm" busyLabel="Confirming…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
