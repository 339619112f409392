import { useEffect, useRef, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage, type User } from "../api";
import { useNow } from "../components/use-now";
import { CreateKeyDialog } from "./create-key-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { actionsToggleId, type KeyAction, KeyTable, KeyTableSkeleton } from "./key-table";
import { RevealKeyDialog } from "./reveal-key-dialog";
import { RollKeyDialog } from "./roll-key-dialog";
import { LoadError } from "../components/load-error";

type Open =
  | { dialog: "create" }
  | { dialog: "roll"; key: ApiKey }
  /**
   * The only place the plaintext key lives in the page, until Done sets `open` back to undefined.
   * After a roll it also says until when the old key works, and Done returns to the new key's row.
   */
  | { dialog: "reveal"; name: string; secret: string; previousKeyExpiresAt?: string; keyId?: number }
  | { dialog: "delete"; key: ApiKey };

interface ApiKeysProps {
  me: User;
  /** Everyone, for the administrator's owner filter; undefined for a standard user. */
  users: User[] | undefined;
}

const UNUSED_DAYS = 90;

export function ApiKeys({ me, users }: ApiKeysProps) {
  const isAdmin = me.role === "admin";
  const [keys, setKeys] = useState<ApiKey[]>();
  const [loadError, setLoadError] = useState<string>();
  const [ownerFilter, setOwnerFilter] = useState("");
  const [unusedOnly, setUnusedOnly] = useState(false);
  const [open, setOpen] = useState<Open>();
  // Announces what an instant action did (there is no dialog to say it), next to the list.
  const [announcement, setAnnouncement] = useState({ text: "", failed: false });
  const now = useNow();
  const createButton = useRef<HTMLButtonElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const latest = useRef(0);

  async function load() {
    // Only the newest answer counts when the filters change faster than the API replies.
    const request = ++latest.current;
    setLoadError(undefined);
    try {
      const { keys } = await api.listKeys({ userId: Number(ownerFilter) || undefined, unusedForDays: unusedOnly ? UNUSED_DAYS : undefined });
      if (request === latest.current) setKeys(keys);
    } catch (error) {
      if (request === latest.current) setLoadError(errorMessage(error));
    }
  }

  useEffect(() => {
    void load();
  }, [ownerFilter, unusedOnly]);

  const close = () => setOpen(undefined);

  async function setEnabled(key: ApiKey, enabled: boolean) {
    setAnnouncement({ text: "", failed: false });
    try {
      const { apiKey } = await api.setKeyEnabled(key.id, enabled);
      setKeys((current) => current?.map((each) => (each.id === apiKey.id ? apiKey : each)));
      const text = enabled ? `“${key.name}” is enabled and works again.` : `“${key.name}” is disabled: it is refused until you enable it.`;
      setAnnouncement({ text, failed: false });
    } catch (error) {
      setAnnouncement({ text: `“${key.name}” could not be ${enabled ? "enabled" : "disabled"}. ${errorMessage(error)}`, failed: true });
    }
  }

  function act(key: ApiKey, action: KeyAction) {
    if (action === "enable" || action === "disable") void setEnabled(key, action === "enable");
    else setOpen({ dialog: action, key });
  }

  return (
    <div class="stack">
      <p class="section-intro">
        API keys let podcast apps and scripts act as you without your password. Give each application its own key, so
        you can cut one off without touching the others.
      </p>

      <div class="toolbar">
        <button ref={createButton} type="button" class="button button-primary" onClick={() => setOpen({ dialog: "create" })}>
          Create API key
        </button>
        {isAdmin && users && (
          <div class="filters">
            <label class="inline-field">
              <span>Show keys of</span>
              <select value={ownerFilter} onChange={(event) => setOwnerFilter(event.currentTarget.value)}>
                <option value="">All users</option>
                {users.map((user) => (
                  <option key={user.id} value={String(user.id)}>
                    {user.username}
                  </option>
                ))}
              </select>
            </label>
            <label class="inline-field checkbox-field">
              <input type="checkbox" checked={unusedOnly} onChange={(event) => setUnusedOnly(event.currentTarget.checked)} />
              <span>Unused for {UNUSED_DAYS} days</span>
            </label>
          </div>
        )}
      </div>

      <h3 ref={listHeading} tabIndex={-1} class="visually-hidden">
        {isAdmin ? "All API keys" : "Your API keys"}
      </h3>
      <p class={announcement.failed ? "form-error" : "success"} role="status">
        {announcement.text}
      </p>
      <div class="list-area" aria-busy={keys === undefined}>
        {loadError ? (
          <LoadError what="The keys" reason={loadError} onRetry={load} />
        ) : keys === undefined ? (
          <KeyTableSkeleton />
        ) : keys.length === 0 && unusedOnly ? (
          <div class="empty">
            <p class="empty-title">No keys unused for {UNUSED_DAYS} days</p>
            <p>Every key here has been used recently, or is newer than that.</p>
          </div>
        ) : keys.length === 0 ? (
          <div class="empty">
            <p class="empty-title">No API keys yet</p>
            <p>
              Create one for each app that should reach your podcasts — a media center, a phone app, a sync script. You
              can disable or delete a key at any time, and only that app loses access.
            </p>
          </div>
        ) : (
          <KeyTable keys={keys} showOwner={isAdmin} now={now} onAction={act} />
        )}
      </div>

      {open?.dialog === "create" && (
        <CreateKeyDialog
          onCancel={close}
          onCreated={({ key, apiKey }) => {
            setOpen({ dialog: "reveal", name: apiKey.name, secret: key });
            void load();
          }}
        />
      )}
      {open?.dialog === "roll" && (
        <RollKeyDialog
          apiKey={open.key}
          onCancel={close}
          onRolled={({ key, apiKey, previousKeyExpiresAt }) => {
            setOpen({ dialog: "reveal", name: apiKey.name, secret: key, previousKeyExpiresAt, keyId: apiKey.id });
            void load();
          }}
        />
      )}
      {open?.dialog === "reveal" && (
        <RevealKeyDialog
          name={open.name}
          secret={open.secret}
          previousKeyExpiresAt={open.previousKeyExpiresAt}
          onDone={close}
          returnFocus={() => (open.keyId ? document.getElementById(actionsToggleId(open.keyId)) : null) ?? createButton.current}
        />
      )}
      {open?.dialog === "delete" && (
        <DeleteKeyDialog
          apiKey={open.key}
          me={me}
          onCancel={close}
          returnFocus={() => listHeading.current}
          onDeleted={() => {
            setKeys((current) => current?.filter((key) => key.id !== open.key.id));
            close();
          }}
        />
      )}
    </div>
  );
}
