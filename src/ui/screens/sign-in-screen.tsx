import { useEffect, useState } from "preact/hooks";
import { api, type User } from "../api";
import { Field, FormError } from "../components/field";
import { useAction } from "../components/use-action";
import { Brand } from "./brand";
import { ProviderButtons, usePinepodsSignIn } from "./sign-in-providers";
import { TwoFactorStep } from "./two-factor-step";

export function SignInScreen({ notice, onSignedIn }: { notice?: string; onSignedIn: (user: User) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  // Set when the password was right and two-factor sign-in is on: the code step follows.
  const [mfaToken, setMfaToken] = useState<string>();
  // The notice ("You are signed out.") is about the last session: it goes once the person tries again.
  const [showNotice, setShowNotice] = useState(true);
  const pinepods = usePinepodsSignIn();
  const { busy, error, submit } = useAction(async () => {
    setShowNotice(false);
    const result = await api.login({ username, password });
    if ("user" in result) return onSignedIn(result.user);
    setPassword("");
    setMfaToken(result.mfaToken);
  });

  // A refused password: focus goes back to the password, to type it again.
  useEffect(() => {
    if (error) document.getElementById("sign-in-password")?.focus();
  }, [error]);

  if (mfaToken) {
    return (
      <main class="auth-page">
        <TwoFactorStep mfaToken={mfaToken} onSignedIn={onSignedIn} onRestart={() => setMfaToken(undefined)} />
      </main>
    );
  }

  return (
    <main class="auth-page">
      <form class="card auth-card" onSubmit={submit}>
        <Brand />
        <h1 class="auth-title">{pinepods.on ? "Sign in with your Pinepods account" : "Sign in"}</h1>
        {pinepods.on && <p class="muted">Your password is checked by your Pinepods server each time; Podkeys keeps no copy of it.</p>}
        {notice && showNotice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <Field label="Username" value={username} onValue={setUsername} required autocomplete="username" autofocus />
        <Field
          id="sign-in-password"
          label="Password"
          type="password"
          value={password}
          onValue={setPassword}
          required
          autocomplete="current-password"
        />
        <FormError message={error} />
        <button type="submit" class="button button-primary button-wide" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {pinepods.on && <ProviderButtons providers={pinepods.providers} />}
      </form>
    </main>
  );
}
