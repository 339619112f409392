import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../api";
import { Field, FormEnd, FormError } from "../components/field";
import { lazy } from "../components/lazy";
import { QrCode } from "../components/lazy-qr-code";
import { useAction } from "../components/use-action";

/** The recovery codes appear once, after enrolment: their code loads then. */
const RecoveryCodes = lazy(() => import("./recovery-codes").then((module) => module.RecoveryCodes));

type State =
  | { step: "loading" }
  | { step: "off" }
  | { step: "enrolling"; secret: string; otpauthUrl: string }
  | { step: "codes"; codes: string[] }
  | { step: "on"; recoveryCodesLeft: number };

/** Settings → Two-factor sign-in: turn it on (QR code, secret, confirmation, recovery codes once), or off. */
export function TwoFactor({ onChanged }: { onChanged?: () => void }) {
  const [state, setState] = useState<State>({ step: "loading" });
  const [loadError, setLoadError] = useState<string>();

  async function load() {
    try {
      const status = await api.twoFactorStatus();
      setState(status.enabled ? { step: "on", recoveryCodesLeft: status.recoveryCodesLeft } : { step: "off" });
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }
  useEffect(() => void load(), []);

  const start = useAction(async () => setState({ step: "enrolling", ...(await api.enrolTwoFactor()) }));

  if (loadError) return <FormError message={loadError} />;
  switch (state.step) {
    case "loading":
      return <p class="muted">Loading…</p>;
    case "off":
      return (
        <div class="stack">
          <p>
            Two-factor sign-in is <strong>off</strong>. Turn it on to ask for a code from an authenticator app after your password.
          </p>
          <FormError message={start.error} />
          <div>
            <button type="button" class="button button-primary" onClick={start.run} disabled={start.busy}>
              {start.busy ? "Starting…" : "Turn on two-factor sign-in"}
            </button>
          </div>
        </div>
      );
    case "enrolling":
      return (
        <Enrol
          secret={state.secret}
          otpauthUrl={state.otpauthUrl}
          onConfirmed={(codes) => {
            setState({ step: "codes", codes });
            onChanged?.();
          }}
          onCancel={() => setState({ step: "off" })}
        />
      );
    case "codes":
      return <RecoveryCodes codes={state.codes} onDone={() => void load()} />;
    case "on":
      return (
        <TurnOff
          recoveryCodesLeft={state.recoveryCodesLeft}
          onOff={() => {
            setState({ step: "off" });
            onChanged?.();
          }}
        />
      );
  }
}

function Enrol({
  secret,
  otpauthUrl,
  onConfirmed,
  onCancel,
}: {
  secret: string;
  otpauthUrl: string;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState("");
  const { busy, error, submit } = useAction(async () => onConfirmed((await api.confirmTwoFactor(code.trim())).recoveryCodes));
  return (
    <form class="stack" onSubmit={submit}>
      <ol class="steps">
        <li>Scan this QR code with your authenticator app (1Password, Google Authenticator, Aegis…).</li>
      </ol>
      <QrCode text={otpauthUrl} label="QR code for your authenticator app" />
      <p class="muted">
        Or enter this key by hand: <code class="secret-inline">{secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <ol class="steps" start={2}>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div class="code-field">
        <Field
          label="Code from the app"
          value={code}
          onValue={setCode}
          required
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={8}
        />
      </div>
      <FormError message={error} />
      <div class="button-row">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Checking…" : "Turn on"}
        </button>
        <button type="button" class="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TurnOff({ recoveryCodesLeft, onOff }: { recoveryCodesLeft: number; onOff: () => void }) {
  const [code, setCode] = useState("");
  const { busy, error, submit } = useAction(async () => {
    await api.disableTwoFactor(code.trim());
    onOff();
  });
  return (
    <form class="stack" onSubmit={submit}>
      <p>
        Two-factor sign-in is <strong>on</strong>. {recoveryCodesLeft} of 10 recovery codes left.
      </p>
      {/* Not numeric: a recovery code has letters. */}
      <div class="code-field">
        <Field
          label="Code from the app, or a recovery code"
          value={code}
          onValue={setCode}
          required
          autocomplete="one-time-code"
          maxLength={32}
          hint="Needed to turn two-factor sign-in off."
        />
      </div>
      <FormEnd error={error} done="" busy={busy} label="Turn off two-factor sign-in" busyLabel="Turning off…" danger />
    </form>
  );
}
