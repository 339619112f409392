import { useState } from "preact/hooks";
import { api, errorMessage } from "../api";
import { Field, FormError } from "../components/field";

export function ChangePassword() {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState("");

  async function submit(event: Event) {
    event.preventDefault();
    setDone("");
    if (newPassword !== repeat) return setError("The new passwords do not match.");
    setBusy(true);
    setError(undefined);
    try {
      await api.changePassword({ currentPassword, newPassword });
      setCurrent("");
      setNew("");
      setRepeat("");
      setDone("Password changed. Any other browser signed in as you has been signed out.");
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="subform" onSubmit={submit}>
      <div class="form-grid">
        <Field label="Current password" type="password" value={currentPassword} onValue={setCurrent} required autocomplete="current-password" />
        <Field
          label="New password"
          type="password"
          value={newPassword}
          onValue={setNew}
          required
          minLength={10}
          autocomplete="new-password"
          hint="At least 10 characters."
        />
        <Field label="Repeat new password" type="password" value={repeat} onValue={setRepeat} required autocomplete="new-password" />
      </div>
      <FormError message={error} />
      <p class="success" role="status">
        {done}
      </p>
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
