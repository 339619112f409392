import { useState } from "preact/hooks";
import { api, type User } from "../api";
import { Field, FormError } from "../components/field";
import { useAction } from "../components/use-action";
import { Brand } from "./brand";

/** The second step of signing in: a code from the authenticator app, or one of the recovery codes. */
export function TwoFactorStep({
  mfaToken,
  onSignedIn,
  onRestart,
}: {
  mfaToken: string;
  onSignedIn: (user: User) => void;
  onRestart: () => void;
}) {
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const { busy, error, submit } = useAction(async () => onSignedIn((await api.loginTwoFactor({ mfaToken, code: code.trim() })).user));

  return (
    <form class="card auth-card" onSubmit={submit}>
      <Brand />
      <h1 class="auth-title">Two-factor sign-in</h1>
      <p class="muted">
        {recovery ? "Enter one of your recovery codes. Each works once." : "Enter the 6-digit code from your authenticator app."}
      </p>
      {recovery ? (
        <Field
          key="recovery"
          label="Recovery code"
          value={code}
          onValue={setCode}
          required
          autocomplete="one-time-code"
          autofocus
          maxLength={32}
        />
      ) : (
        <Field
          key="totp"
          label="Code"
          value={code}
          onValue={setCode}
          required
          autocomplete="one-time-code"
          autofocus
          inputMode="numeric"
          maxLength={8}
          hint="It changes every 30 seconds."
        />
      )}
      <FormError message={error} />
      <button type="submit" class="button button-primary button-wide" disabled={busy}>
        {busy ? "Checking…" : "Sign in"}
      </button>
      <div class="auth-links">
        <button
          type="button"
          class="button-link"
          onClick={() => {
            setRecovery(!recovery);
            setCode("");
          }}
        >
          {recovery ? "Use the authenticator app" : "Use a recovery code"}
        </button>
        <button type="button" class="button-link" onClick={onRestart}>
          Start over
        </button>
      </div>
    </form>
  );
}
