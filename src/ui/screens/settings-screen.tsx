import { useEffect, useState } from "preact/hooks";
import { api, type LinkedUser, type ListedUser, type User } from "../api";
import { Section } from "../components/section";
import { Activity } from "../settings/activity-section";
import { ApiKeys } from "../settings/api-keys-section";
import { Notifications } from "../settings/notifications-section";
import { ChangePassword } from "../settings/password-section";
import { PodcastServer } from "../settings/podcast-server-section";
import { Sessions } from "../settings/sessions-section";
import { StepUpHost } from "../settings/step-up-dialog";
import { TwoFactor } from "../settings/two-factor-section";
import { Users } from "../settings/users-section";
import { Brand } from "./brand";

/** Each section's anchor, for links like /#api-keys. */
const SECTIONS = [
  ["api-keys", "API Keys"],
  ["users", "Users"],
  ["podcast-server", "Podcast server"],
  ["activity", "Activity"],
  ["sessions", "Sessions"],
  ["password", "Password"],
  ["two-factor", "Two-factor sign-in"],
  ["notifications", "Notifications"],
] as const;

interface SettingsProps {
  me: User;
  onMeChanged: () => Promise<void>;
  onSignOut: () => void;
}

export function SettingsScreen({ me, onMeChanged, onSignOut }: SettingsProps) {
  const isAdmin = me.role === "admin";
  // Shared by the owner filter of API Keys and the Users section, so both stay in step.
  const [users, setUsers] = useState<ListedUser[]>();
  // Admins: who is linked to which Pinepods account, shown beside each user.
  const [links, setLinks] = useState<LinkedUser[]>();

  async function loadUsers() {
    if (!isAdmin) return;
    const [list, linked] = await Promise.all([api.listUsers(), api.listOriginLinks().catch(() => undefined)]);
    setUsers(list.users);
    // Without a podcast server behind Podkeys there is nothing to show beside each user.
    setLinks(linked?.configured ? linked.links : undefined);
  }

  useEffect(() => {
    loadUsers().catch(() => setUsers([]));
  }, [isAdmin]);

  // The sections below API Keys appear once its list (and an admin's user list) has arrived: appearing
  // then moves nothing, where arriving above them would push them down (layout shift, CLS).
  const [keysSettled, setKeysSettled] = useState(false);
  const settled = keysSettled && (!isAdmin || users !== undefined);

  const sections = SECTIONS.filter(([id]) => isAdmin || id !== "users");
  return (
    <>
      <header class="topbar">
        <div class="topbar-inner">
          <Brand />
          <div class="account">
            <span class="account-name">
              <span class="visually-hidden">Signed in as </span>
              {me.username}
              {/* "admin admin" said nothing twice: the role in words, and only where it is not the standard one. */}
              {isAdmin && <span class="badge">administrator</span>}
            </span>
            <button type="button" class="button button-small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <StepUpHost />
      <main class="page">
        <h1 class="page-title">Settings</h1>
        <nav class="section-links" aria-label="Sections">
          {sections.map(([id, title]) => (
            <a key={id} href={`#${id}`}>
              {title}
            </a>
          ))}
        </nav>
        <Section
          id="api-keys"
          title="API Keys"
          openOnArrival
          summary={isAdmin ? "Keys for apps and scripts, for every user" : "Keys for your apps and scripts"}
        >
          <ApiKeys me={me} users={users} onSettled={() => setKeysSettled(true)} />
        </Section>
        {settled && isAdmin && (
          <Section id="users" title="Users" summary="Who can sign in, and who administers">
            <Users
              me={me}
              users={users}
              links={links}
              onChanged={async (changedSelf) => {
                if (changedSelf) await onMeChanged();
                else await loadUsers();
              }}
            />
          </Section>
        )}
        {settled && (
          <>
            <Section id="podcast-server" title="Podcast server" summary="Link your Pinepods account so your apps reach it through Podkeys">
              <PodcastServer />
            </Section>
            <Section
              id="activity"
              title="Activity"
              summary={isAdmin ? "Who did what to keys and users, and when" : "What happened to your keys and account"}
            >
              <Activity isAdmin={isAdmin} users={users} />
            </Section>
            <Section id="sessions" title="Sessions" summary="The browsers signed in to your account">
              <Sessions />
            </Section>
            <Section id="password" title="Password" summary="Change the password you sign in with">
              <ChangePassword />
            </Section>
            <Section id="two-factor" title="Two-factor sign-in" summary="A code from your phone after your password">
              {/* An admin's own two-factor state shows in the Users list too. */}
              <TwoFactor onChanged={() => void loadUsers().catch(() => undefined)} />
            </Section>
            <Section id="notifications" title="Notifications" summary="Push messages to your phone through ntfy">
              <Notifications />
            </Section>
          </>
        )}
      </main>
    </>
  );
}
