import { useState } from "preact/hooks";
import { api, errorMessage, type Role } from "../api";
import { Field, FormError } from "../components/field";

export function CreateUserForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("user");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState("");

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone("");
    try {
      const { user } = await api.createUser({ username, password, role });
      setUsername("");
      setPassword("");
      setRole("user");
      setDone(`${user.username} can now sign in.`);
      await onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="subform" onSubmit={submit}>
      <h3 class="subheading">Create a user</h3>
      <div class="form-grid">
        <Field label="Username" value={username} onValue={setUsername} required maxLength={64} autocomplete="off" />
        <Field
          label="Password"
          type="password"
          value={password}
          onValue={setPassword}
          required
          minLength={10}
          autocomplete="new-password"
          hint="At least 10 characters. They can change it after signing in."
        />
        <div class="field">
          <label for="new-user-role">Role</label>
          <select id="new-user-role" aria-describedby="new-user-role-hint" value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
            <option value="user">Standard user</option>
            <option value="admin">Administrator</option>
          </select>
          <p id="new-user-role-hint" class="hint">Administrators manage everyone’s keys and users.</p>
        </div>
      </div>
      <FormError message={error} />
      <p class="success" role="status">
        {done}
      </p>
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? "Creating…" : "Create user"}
      </button>
    </form>
  );
}
