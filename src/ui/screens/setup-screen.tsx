import { useState } from "preact/hooks";
import { api, type User } from "../api";
import { Field, FormError, NewPasswordField } from "../components/field";
import { useAction } from "../components/use-action";
import { Brand } from "./brand";

/** First run: the owner of a fresh deployment creates the administrator with the setup token. */
export function SetupScreen({ token: tokenFromLink, onDone }: { token: string; onDone: (user: User) => void }) {
  const [token, setToken] = useState(tokenFromLink);
  const [username, setUsername] = useState("admin");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const { busy, error, submit } = useAction(async () => onDone((await api.setup({ token, username, password })).user));
  // Focus starts on the first field still to fill: the token when the link had none, else the password.
  const first = tokenFromLink ? "password" : "token";

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
            autofocus={first === "token"}
            hint={
              <>
                The setup link of this site carries it. Without the link: it is the <code>SETUP_TOKEN</code> secret this site was deployed
                with (run locally, <code>npm start</code> prints the link).
              </>
            }
          />
        )}
        <Field label="Username" value={username} onValue={setUsername} required maxLength={64} autocomplete="username" />
        <NewPasswordField value={password} onValue={setPassword} autofocus={first === "password"} />
        <NewPasswordField
          label="Repeat password"
          hint="The same again, so a typo does not lock you out."
          value={repeat}
          onValue={setRepeat}
          invalid={repeat && repeat !== password ? "The two passwords differ." : ""}
        />
        <FormError message={error} />
        <button type="submit" class="button button-primary button-wide" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
        </button>
      </form>
    </main>
  );
}
