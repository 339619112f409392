import { useState } from "preact/hooks";
import { api, type ListedUser } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { Dialog } from "../components/dialog";
import { DialogFormEnd, NewPasswordField } from "../components/field";
import { useAction } from "../components/use-action";

interface ResetProps {
  user: ListedUser;
  onDone: () => void;
  onCancel: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}

/** An administrator sets a locked-out user's password; that user is signed out everywhere. */
export function ResetPasswordDialog({ user, onDone, onCancel, returnFocus }: ResetProps) {
  const [password, setPassword] = useState("");
  const { busy, error, submit } = useAction(async () => {
    await api.resetPassword(user.id, password);
    onDone();
  });
  return (
    <Dialog title={`Reset the password of “${user.username}”`} onDismiss={busy ? undefined : onCancel} returnFocus={returnFocus}>
      <form onSubmit={submit}>
        <p class="dialog-lead">
          {user.username} is signed out everywhere at once and signs in with this password from now on. Tell them the new password in person
          or over a channel you trust.
        </p>
        <NewPasswordField label="New password" value={password} onValue={setPassword} autofocus />
        <DialogFormEnd error={error} busy={busy} label="Reset password" busyLabel="Resetting…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}

/** An administrator turns off a user's two-factor sign-in (a lost phone and no recovery codes). */
export function ResetTwoFactorDialog({ user, onDone, onCancel, returnFocus }: ResetProps) {
  return (
    <ConfirmDialog
      title={`Turn off two-factor sign-in for “${user.username}”?`}
      confirmLabel="Turn off two-factor"
      onCancel={onCancel}
      returnFocus={returnFocus}
      onConfirm={async () => {
        await api.resetTwoFactor(user.id);
        onDone();
      }}
    >
      <p>{user.username} is signed out everywhere and signs in with the password alone until they turn it on again.</p>
    </ConfirmDialog>
  );
}
