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
  // A role change waits here for its confirmation: the select alone (one arrow key) changes nothing.
  const [changing, setChanging] = useState<{ user: User; role: Role }>();
  const [resetting, setResetting] = useState<{ user: ListedUser; what: "password" | "twoFactor" }>();
  const [done, setDone] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  async function changeRole(user: User, role: Role) {
    setError(undefined);
    try {
      await api.changeRole(user.id, role);
      setDone(`${user.username} is now ${ROLE_NAMES[role]}.`);
    } catch (caught) {
      setError(errorMessage(caught));
    }
    // Also after a refusal: the select shows the role the server actually has. The confirmation closes
    // after that, so the select never flips back to the old role in between.
    await onChanged(user.id === me.id).catch(() => undefined);
    // Only this change's confirmation: another may have been asked for meanwhile.
    setChanging((current) => (current?.user.id === user.id ? undefined : current));
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
                <select
                  id={`role-${user.id}`}
                  value={changing?.user.id === user.id ? changing.role : user.role}
                  onChange={(event) => {
                    setDone("");
                    setChanging({ user, role: event.currentTarget.value as Role });
                  }}
                >
                  <option value="user">{ROLE_LABELS.user}</option>
                  <option value="admin">{ROLE_LABELS.admin}</option>
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

      {changing && (
        <ConfirmDialog
          plain
          title={`Make ${changing.user.username} ${ROLE_NAMES[changing.role]}?`}
          confirmLabel="Change role"
          onCancel={() => setChanging(undefined)}
          returnFocus={() => document.getElementById(`role-${changing.user.id}`)}
          onConfirm={() => changeRole(changing.user, changing.role)}
        >
          <p>
            {changing.role === "admin"
              ? `${changing.user.username} will manage every user and every key, yours included.`
              : `${changing.user.username} will manage only their own keys.`}
          </p>
        </ConfirmDialog>
      )}
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

const ROLE_LABELS: Record<Role, string> = { user: "Standard user", admin: "Administrator" };
const ROLE_NAMES: Record<Role, string> = { user: "a standard user", admin: "an administrator" };

/** Which Pinepods account a user is linked to, if any. */
function PodcastLink({ link }: { link: LinkedUser | undefined }) {
  if (!link) return <span class="cell-note muted">Podcast server: not linked</span>;
  return (
    <span class="cell-note" title={`Pinepods user ${link.originUserId}`}>
      Podcast server: {link.originUsername}
    </span>
  );
}
