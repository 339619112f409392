import { useState } from "preact/hooks";
import { api } from "../api";
import { Field, FormEnd, NewPasswordField } from "../components/field";
import { useAction } from "../components/use-action";

export function ChangePassword() {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState("");
  const { busy, error, setError, submit } = useAction(async () => {
    setDone("");
    if (newPassword !== repeat) return setError("The new passwords do not match.");
    await api.changePassword({ currentPassword, newPassword });
    setCurrent("");
    setNew("");
    setRepeat("");
    setDone("Password changed. Any other browser signed in as you has been signed out.");
  });

  return (
    <form class="subform" onSubmit={submit}>
      <div class="form-grid">
        <Field
          label="Current password"
          type="password"
          value={currentPassword}
          onValue={setCurrent}
          required
          autocomplete="current-password"
        />
        <NewPasswordField label="New password" value={newPassword} onValue={setNew} />
        <Field label="Repeat new password" type="password" value={repeat} onValue={setRepeat} required autocomplete="new-password" />
      </div>
      <FormEnd error={error} done={done} busy={busy} label="Change password" busyLabel="Changing…" />
    </form>
  );
}
