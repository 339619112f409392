import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorMessage, type OriginLink } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { Field, FormEnd } from "../components/field";
import { LoadError } from "../components/load-error";
import { useAction } from "../components/use-action";
import { formatDate } from "../format";
import { ConnectApp } from "./connect-app";

/**
 * Settings → Podcast server: link your account on the Pinepods server behind Podkeys, so the apps
 * holding your keys reach your podcasts through the edge. The Pinepods password is sent once, to
 * link; Podkeys keeps only the key Pinepods hands back, encrypted.
 */
export function PodcastServer() {
  const [link, setLink] = useState<OriginLink>();
  const [loadError, setLoadError] = useState<string>();
  const [unlinking, setUnlinking] = useState(false);
  // After Link, focus goes to what it did; after Unlink, to the form for linking again.
  const focusNext = useRef<"linked" | "form" | undefined>(undefined);
  const linkedLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusNext.current === "linked") linkedLine.current?.focus();
    if (focusNext.current === "form") document.getElementById("pinepods-username")?.focus();
    focusNext.current = undefined;
  }, [link]);

  async function load() {
    setLoadError(undefined);
    try {
      setLink(await api.origin());
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }
  useEffect(() => {
    load();
  }, []);

  if (loadError) return <LoadError what="the podcast server link" reason={loadError} onRetry={load} />;
  if (!link) return <p class="muted">Loading…</p>;
  if (!link.configured) {
    return (
      <div class="stack">
        <p class="muted">This Podkeys does not front a podcast server: its administrator has not set ORIGIN_URL.</p>
        <ConnectApp link={link} />
      </div>
    );
  }
  if (!link.linked) {
    return (
      <div class="stack">
        <LinkForm
          onLinked={(linked) => {
            focusNext.current = "linked";
            setLink(linked);
          }}
        />
        <ConnectApp link={link} linkFormAbove />
      </div>
    );
  }
  return (
    <div class="stack">
      {link.revoked && (
        <p class="notice" role="alert">
          Your Pinepods server no longer accepts this link (its key was deleted there): apps using your keys get “link revoked” until you
          sign out and sign in again with your Pinepods account (or link again below after unlinking).
        </p>
      )}
      <p ref={linkedLine} tabIndex={-1}>
        Linked to the Pinepods account <strong>{link.originUsername}</strong> (user {link.originUserId})
        {link.linkedAt && <> since {formatDate(link.linkedAt)}</>}. Apps using your keys reach your podcasts through Podkeys.
      </p>
      <div>
        <button type="button" class="button button-quiet-danger" onClick={() => setUnlinking(true)}>
          Unlink
        </button>
      </div>
      <ConnectApp link={link} />
      {unlinking && (
        <ConfirmDialog
          title="Unlink your podcast server account?"
          confirmLabel="Unlink"
          onCancel={() => setUnlinking(false)}
          onConfirm={async () => {
            await api.unlinkOrigin();
            setUnlinking(false);
            focusNext.current = "form";
            await load();
          }}
        >
          <p>Apps using your Podkeys keys stop reaching your podcasts at once, until you link again with your Pinepods password.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function LinkForm({ onLinked }: { onLinked: (link: OriginLink) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, submit } = useAction(async () => {
    const linked = await api.linkOrigin({ username, password });
    setPassword("");
    onLinked(linked);
  });
  return (
    <form class="subform" onSubmit={submit}>
      <p class="muted">
        Sign in to your Pinepods account once to link it. Podkeys keeps only the key Pinepods hands back, encrypted — never your Pinepods
        password.
      </p>
      <div class="form-grid">
        <Field
          id="pinepods-username"
          label="Pinepods username"
          value={username}
          onValue={setUsername}
          required
          autocomplete="off"
          maxLength={255}
        />
        <Field label="Pinepods password" type="password" value={password} onValue={setPassword} required autocomplete="off" />
      </div>
      <FormEnd error={error} done="" busy={busy} label="Link account" busyLabel="Linking…" />
    </form>
  );
}
