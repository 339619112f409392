import { useState } from "preact/hooks";
import { api, type Role } from "../api";
import { Field, FormEnd, NewPasswordField } from "../components/field";
import { useAction } from "../components/use-action";

export function CreateUserForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("user");
  const [done, setDone] = useState("");
  const { busy, error, submit } = useAction(async () => {
    setDone("");
    const { user } = await api.createUser({ username, password, role });
    setUsername("");
    setPassword("");
    setRole("user");
    setDone(`${user.username} can now sign in.`);
    await onCreated();
  });

  return (
    <form class="subform" onSubmit={submit}>
      <h3 class="subheading">Create a user</h3>
      <div class="form-grid">
        <Field label="Username" value={username} onValue={setUsername} required maxLength={64} autocomplete="off" />
        <NewPasswordField value={password} onValue={setPassword} hint="At least 10 characters. They can change it after signing in." />
        <div class="field">
          <label for="new-user-role">Role</label>
          <select
            id="new-user-role"
            aria-describedby="new-user-role-hint"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            <option value="user">Standard user</option>
            <option value="admin">Administrator</option>
          </select>
          <p id="new-user-role-hint" class="hint">
            Administrators manage everyone’s keys and users.
          </p>
        </div>
      </div>
      <FormEnd error={error} done={done} busy={busy} label="Create user" busyLabel="Creating…" />
    </form>
  );
}
