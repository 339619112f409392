import { useState } from "preact/hooks";
import { api, type User } from "../api";
import { Field, FormError } from "../components/field";
import { useAction } from "../components/use-action";
import { Brand } from "./brand";

export function SignInScreen({ notice, onSignedIn }: { notice?: string; onSignedIn: (user: User) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  // The notice ("You are signed out.") is about the last session: it goes once the person tries again.
  const [showNotice, setShowNotice] = useState(true);
  const { busy, error, submit } = useAction(async () => {
    setShowNotice(false);
    onSignedIn((await api.login({ username, password })).user);
  });

  return (
    <main class="auth-page">
      <form class="card auth-card" onSubmit={submit}>
        <Brand />
        <h1 class="auth-title">Sign in</h1>
        {notice && showNotice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <Field label="Username" value={username} onValue={setUsername} required autocomplete="username" autofocus />
        <Field label="Password" type="password" value={password} onValue={setPassword} required autocomplete="current-password" />
        <FormError message={error} />
        <button type="submit" class="button button-primary button-wide" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
