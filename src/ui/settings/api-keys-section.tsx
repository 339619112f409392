import { useEffect, useRef, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage, type User } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { formatDate } from "../format";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyTable, KeyTableSkeleton } from "./key-table";
import { RevealKeyDialog } from "./reveal-key-dialog";

type Open =
  | { dialog: "create" }
  /** The only place the plaintext key lives in the page, until Done sets `open` back to undefined. */
  | { dialog: "reveal"; name: string; secret: string }
  | { dialog: "delete"; key: ApiKey };

interface ApiKeysProps {
  me: User;
  /** Everyone, for the administrator's owner filter; undefined for a standard user. */
  users: User[] | undefined;
}

export function ApiKeys({ me, users }: ApiKeysProps) {
  const isAdmin = me.role === "admin";
  const [keys, setKeys] = useState<ApiKey[]>();
  const [loadError, setLoadError] = useState<string>();
  const [ownerFilter, setOwnerFilter] = useState("");
  const [open, setOpen] = useState<Open>();
  const createButton = useRef<HTMLButtonElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const latest = useRef(0);

  async function load() {
    // Only the newest answer counts when the filter changes faster than the API replies.
    const request = ++latest.current;
    setLoadError(undefined);
    try {
      const { keys } = await api.listKeys(Number(ownerFilter) || undefined);
      if (request === latest.current) setKeys(keys);
    } catch (error) {
      if (request === latest.current) setLoadError(errorMessage(error));
    }
  }

  useEffect(() => {
    void load();
  }, [ownerFilter]);

  const close = () => setOpen(undefined);

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
        )}
      </div>

      <h3 ref={listHeading} tabIndex={-1} class="visually-hidden">
        {isAdmin ? "All API keys" : "Your API keys"}
      </h3>
      <div class="list-area" aria-busy={keys === undefined}>
        {loadError ? (
          <div class="empty" role="alert">
            <p>The keys could not be loaded. {loadError}</p>
            <button type="button" class="button" onClick={load}>
              Try again
            </button>
          </div>
        ) : keys === undefined ? (
          <KeyTableSkeleton />
        ) : keys.length === 0 ? (
          <div class="empty">
            <p class="empty-title">No API keys yet</p>
            <p>
              Create one for each app that should reach your podcasts — a media center, a phone app, a sync script. You
              can delete a key at any time, and only that app loses access.
            </p>
          </div>
        ) : (
          <KeyTable keys={keys} showOwner={isAdmin} onDelete={(key) => setOpen({ dialog: "delete", key })} />
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
      {open?.dialog === "reveal" && (
        <RevealKeyDialog name={open.name} secret={open.secret} onDone={close} returnFocus={() => createButton.current} />
      )}
      {open?.dialog === "delete" && (
        <ConfirmDialog
          title={`Delete “${open.key.name}”?`}
          confirmLabel="Delete key"
          onCancel={close}
          returnFocus={() => listHeading.current}
          onConfirm={async () => {
            await api.deleteKey(open.key.id);
            setKeys((current) => current?.filter((key) => key.id !== open.key.id));
            close();
          }}
        >
          <p>
            Deleting this key is permanent. Any application using it loses access instantly
            {isAdmin && open.key.owner.id !== me.id ? `, and ${open.key.owner.username} will need to create a new one` : ""}.
          </p>
          <p class="muted">
            Key <code class="hint-code">{open.key.hint}</code>, created {formatDate(open.key.createdAt)}.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
