import { useRef, useState } from "preact/hooks";
import { api, errorMessage, type LinkedUser, type ListedUser, type Role, type User } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { FormError } from "../components/field";
import { CreateUserForm } from "./create-user-form";
import { DeleteUserConsequences } from "./delete-user-consequences";
import { ResetPasswordDialog, ResetTwoFactorDialog } from "./reset-user-dialogs";

interface UsersProps {
  me: User;
  users: ListedUser[] | undefined;
  /** Who is linked to which Pinepods account (the gateway's links); undefined when there is no gateway. */
  links?: LinkedUser[];
  /** Re-read the user list (and, after changing one's own role, who "me" is). */
  onChanged: (changedSelf: boolean) => Promise<void>;
}

/** Administrators only: who may sign in, and who may manage everyone's keys. */
export function Users({ me, users, links, onChanged }: UsersProps) {
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<User>();
  const [resetting, setResetting] = useState<{ user: ListedUser; what: "password" | "twoFactor" }>();
  const [done, setDone] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  async function changeRole(user: User, role: Role) {
    setError(undefined);
    try {
      await api.changeRole(user.id, role);
    } catch (caught) {
      setError(errorMessage(caught));
    }
    // Also after a refusal: the select shows the role the server actually has.
    await onChanged(user.id === me.id);
  }

  return (
    <div class="stack">
      <h3 ref={heading} tabIndex={-1} class="subheading">
        People
      </h3>
      <FormError message={error} />
      <p class="success" role="status">
        {done}
      </p>
      {users === undefined ? (
        <p class="muted">Loading users…</p>
      ) : (
        <ul class="user-list">
          {users.map((user) => (
            <li key={user.id} class="user-row">
              <span class="user-name">
                {user.username}
                {user.id === me.id && <span class="badge">you</span>}
                <span
                  class={user.twoFactor ? "badge badge-ok" : "badge"}
                  title={user.twoFactor ? "Two-factor sign-in is on" : "Two-factor sign-in is off"}
                >
                  {user.twoFactor ? "2FA on" : "2FA off"}
                </span>
                {user.fromPinepods && (
                  <span class="badge" title="Made at its first sign-in with a Pinepods account: its password lives in Pinepods">
                    from Pinepods
                  </span>
                )}
                {links && <PodcastLink link={links.find((l) => l.userId === user.id)} />}
              </span>
              <label class="inline-field">
                <span class="visually-hidden">Role of {user.username}</span>
                <select value={user.role} onChange={(event) => changeRole(user, event.currentTarget.value as Role)}>
                  <option value="user">Standard user</option>
                  <option value="admin">Administrator</option>
                </select>
              </label>
              {user.id !== me.id && !user.fromPinepods && (
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => {
                    setDone("");
                    setResetting({ user, what: "password" });
                  }}
                >
                  Reset password<span class="visually-hidden"> of {user.username}</span>
                </button>
              )}
              {user.id !== me.id && user.twoFactor && (
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => {
                    setDone("");
                    setResetting({ user, what: "twoFactor" });
                  }}
                >
                  Reset 2FA<span class="visually-hidden"> of {user.username}</span>
                </button>
              )}
              {user.id !== me.id && (
                <button
                  type="button"
                  class="button button-quiet-danger"
                  onClick={() => {
                    setError(undefined);
                    setDeleting(user);
                  }}
                >
                  Delete<span class="visually-hidden"> user {user.username}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <CreateUserForm onCreated={() => onChanged(false)} />

      {resetting &&
        (() => {
          const { user, what } = resetting;
          const Reset = what === "password" ? ResetPasswordDialog : ResetTwoFactorDialog;
          const onDone = () => {
            setDone(
              what === "password"
                ? `${user.username}'s password was reset; they are signed out everywhere.`
                : `Two-factor sign-in is off for ${user.username}.`,
            );
            setResetting(undefined);
            void onChanged(false);
          };
          return <Reset user={user} returnFocus={() => heading.current} onCancel={() => setResetting(undefined)} onDone={onDone} />;
        })()}

      {deleting && (
        <ConfirmDialog
          title={`Delete user “${deleting.username}”?`}
          confirmLabel="Delete user"
          onCancel={() => setDeleting(undefined)}
          returnFocus={() => heading.current}
          onConfirm={async () => {
            await api.deleteUser(deleting.id);
            setDeleting(undefined);
            await onChanged(false);
          }}
        >
          <DeleteUserConsequences user={deleting} />
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Which Pinepods account a user is linked to, if any. */
function PodcastLink({ link }: { link: LinkedUser | undefined }) {
  if (!link) return <span class="cell-note muted">Podcast server: not linked</span>;
  return (
    <span class="cell-note" title={`Pinepods user ${link.originUserId}`}>
      Podcast server: {link.originUsername}
    </span>
  );
}
