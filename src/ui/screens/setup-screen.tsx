import { useState } from "preact/hooks";
import { api, errorMessage, type User } from "../api";
import { Field, FormError } from "../components/field";
import { Brand } from "./brand";

/** First run: the owner of a fresh deployment creates the administrator with the setup token. */
export function SetupScreen({ token: tokenFromLink, onDone }: { token: string; onDone: (user: User) => void }) {
  const [token, setToken] = useState(tokenFromLink);
  const [username, setUsername] = useState("admin");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDone((await api.setup({ token, username, password })).user);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <main class="auth-page">
      <form class="card auth-card" onSubmit={submit}>
        <Brand />
        <h1 class="auth-title">Welcome to Podkeys</h1>
        <p class="muted">Create the administrator account. You can add more people afterwards.</p>
        {!tokenFromLink && (
          <Field
            label="Setup token"
            value={token}
            onValue={setToken}
            required
            autocomplete="off"
            hint="The SETUP_TOKEN of this deployment. `npm start` prints a link that fills it in."
          />
        )}
        <Field label="Username" value={username} onValue={setUsername} required maxLength={64} autocomplete="username" />
        <Field
          label="Password"
          type="password"
          value={password}
          onValue={setPassword}
          required
          minLength={10}
          autocomplete="new-password"
          hint="At least 10 characters."
          autofocus
        />
        <FormError message={error} />
        <button type="submit" class="button button-primary button-wide" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
        </button>
      </form>
    </main>
  );
}
