import { useState } from "preact/hooks";
import { type ApiKey, api, type CreatedKey, RequestError } from "../api";
import { Dialog } from "../components/dialog";
import { DialogFormEnd, Field } from "../components/field";
import { useAction } from "../components/use-action";
import { DAY } from "../format";
import { type Expiry, ExpiryField, expiresAt, isoDay } from "./expiry-field";
import { type AccessDraft, accessOf, initialAccess, KeyAccessFields } from "./key-access-fields";
import { replacementOf } from "./key-replacement";

interface CreateKeyDialogProps {
  /** Keys reach a Pinepods server through this Podkeys: its apps need to write, so the Podcast app preset is the default. */
  podcastServer?: boolean;
  onCreated: (created: CreatedKey) => void;
  onCancel: () => void;
  /** Filled in from this key: *Create a replacement* of a leaked key (key-replacement.ts). */
  replacing?: ApiKey;
  /** Administrators may give a key the admin group. */
  isAdmin?: boolean;
}

/**
 * Step one of creating a key: its name, expiry and access (a preset, or each part). The key itself comes back from the API
 * once, and goes straight to the reveal dialog.
 */
export function CreateKeyDialog({ podcastServer = false, isAdmin = false, replacing, onCreated, onCancel }: CreateKeyDialogProps) {
  const [template] = useState(() => replacing && replacementOf(replacing));
  const [name, setName] = useState(template?.name ?? "");
  // Like GitHub's tokens: a key ends unless someone decides otherwise, and "never" comes with a warning.
  const [expiry, setExpiry] = useState<Expiry>(template?.expiry ?? "90");
  const [day, setDay] = useState(template?.days ? isoDay(new Date(Date.now() + template.days * DAY)) : "");
  // Behind the door a Pinepods app must write (save_episode…): the Podcast app preset; without a podcast server, read only.
  // A replacement copies its key's access as the Custom choice instead.
  const [access, setAccess] = useState<AccessDraft>(template?.access ?? { ...initialAccess, preset: podcastServer ? "app" : "read" });
  const { busy, error, submit } = useAction(async () => {
    const narrowing = accessOf(access);
    if (typeof narrowing === "string") throw new RequestError(400, "VALIDATION_ERROR", narrowing);
    onCreated(await api.createKey({ name, ...narrowing, expiresAt: expiresAt(expiry, day, Date.now()) }));
  });

  return (
    <Dialog title={template ? `Replace “${template.name}”` : "Create API key"} onDismiss={busy ? undefined : onCancel}>
      <form onSubmit={submit}>
        <Field
          label="Name"
          value={name}
          onValue={setName}
          hint="Where the key will be used, so you can recognise it later: “Kodi living room”, “AntennaPod on my phone”."
          required
          maxLength={100}
          autocomplete="off"
          autofocus
        />
        <ExpiryField expiry={expiry} onExpiry={setExpiry} day={day} onDay={setDay} />
        <KeyAccessFields draft={access} onDraft={setAccess} isAdmin={isAdmin} />
        <DialogFormEnd error={error} busy={busy} label="Create key" busyLabel="Creating…" onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
