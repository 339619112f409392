import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage, type User } from "../api";
import { LoadError } from "../components/load-error";
import { useNow } from "../components/use-now";
import { CreateKeyDialog } from "./create-key-dialog";
import { DeleteExpiredDialog } from "./delete-expired-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { KeyDetailsDialog } from "./key-details-dialog";
import { KeyListEmpty } from "./key-list-empty";
import { DEFAULT_SORT, groupRolled, matchesSearch, nextSort, type Sort, sortKeys } from "./key-list-view";
import { keyStatus } from "./key-status";
import { actionsToggleId, type KeyAction, KeyTable, KeyTableSkeleton } from "./key-table";
import { RevealKeyDialog } from "./reveal-key-dialog";
import { RollKeyDialog } from "./roll-key-dialog";

type Open =
  | { dialog: "create" }
  | { dialog: "roll"; key: ApiKey }
  /**
   * The only place the plaintext key lives in the page, until Done sets `open` back to undefined.
   * After a roll it also says until when the old key works, and Done returns to the new key's row.
   */
  | { dialog: "reveal"; name: string; secret: string; previousKeyExpiresAt?: string; keyId?: number }
  | { dialog: "delete"; key: ApiKey }
  | { dialog: "edit"; key: ApiKey }
  | { dialog: "deleteExpired" }
  | { dialog: "details"; key: ApiKey };

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
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [open, setOpen] = useState<Open>();
  // Says what each action did, visibly and to screen readers; always in the layout so it is announced.
  const [announcement, setAnnouncement] = useState({ text: "", failed: false });
  const now = useNow();
  const createButton = useRef<HTMLButtonElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  /** Where focus goes after a delete: the next row's actions, or Create when the list is empty. */
  const afterDelete = useRef<number | undefined>(undefined);

  const latest = useRef(0);

  async function load() {
    // Only the newest answer counts when the filters change faster than the API replies.
    const request = ++latest.current;
    setLoadError(undefined);
    try {
      const { keys } = await api.listKeys({
        userId: Number(ownerFilter) || undefined,
        unusedForDays: unusedOnly ? UNUSED_DAYS : undefined,
      });
      if (request === latest.current) setKeys(keys);
    } catch (error) {
      if (request === latest.current) setLoadError(errorMessage(error));
    }
  }

  useEffect(() => {
    void load();
  }, [ownerFilter, unusedOnly]);

  const shown = useMemo(
    () =>
      keys
        ? groupRolled(
            sortKeys(
              keys.filter((key) => matchesSearch(key, search)),
              sort,
            ),
          )
        : undefined,
    [keys, search, sort],
  );
  const anyExpired = keys?.some((key) => keyStatus(key, now).state === "expired") ?? false;

  const close = () => setOpen(undefined);
  const say = (text: string, failed = false) => setAnnouncement({ text, failed });

  async function setEnabled(key: ApiKey, enabled: boolean) {
    say("");
    try {
      const { apiKey } = await api.setKeyEnabled(key.id, enabled);
      setKeys((current) => current?.map((each) => (each.id === apiKey.id ? apiKey : each)));
      say(enabled ? `“${key.name}” is enabled and works again.` : `“${key.name}” is disabled: it is refused until you enable it.`);
    } catch (error) {
      say(`“${key.name}” could not be ${enabled ? "enabled" : "disabled"}. ${errorMessage(error)}`, true);
    }
  }

  function act(key: ApiKey, action: KeyAction) {
    say("");
    if (action === "enable" || action === "disable") void setEnabled(key, action === "enable");
    else setOpen({ dialog: action, key });
  }

  const ownerName = users?.find((user) => String(user.id) === ownerFilter)?.username;

  return (
    <div class="stack">
      <p class="section-intro">
        API keys let podcast apps and scripts act as you without your password. Give each application its own key, so you can cut one off
        without touching the others.
      </p>

      <div class="toolbar">
        <button ref={createButton} type="button" class="button button-primary" onClick={() => setOpen({ dialog: "create" })}>
          Create API key
        </button>
        {anyExpired && (
          <button type="button" class="button button-quiet-danger" onClick={() => setOpen({ dialog: "deleteExpired" })}>
            Delete expired keys
          </button>
        )}
        <div class="filters">
          <label class="inline-field search-field">
            <span>Search</span>
            <input
              ref={searchBox}
              type="search"
              value={search}
              placeholder={isAdmin ? "Name, hint or owner" : "Name or hint"}
              onInput={(event) => setSearch(event.currentTarget.value)}
            />
          </label>
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
          {isAdmin && (
            <label class="inline-field checkbox-field">
              <input type="checkbox" checked={unusedOnly} onChange={(event) => setUnusedOnly(event.currentTarget.checked)} />
              <span>Unused for {UNUSED_DAYS} days</span>
            </label>
          )}
        </div>
      </div>

      <h3 class="visually-hidden">{isAdmin ? "All API keys" : "Your API keys"}</h3>
      <p class={announcement.failed ? "form-error" : "success"} role="status">
        {announcement.text}
      </p>
      <div class="list-area" aria-busy={shown === undefined}>
        {loadError ? (
          <LoadError what="The keys" reason={loadError} onRetry={load} />
        ) : shown === undefined ? (
          <KeyTableSkeleton />
        ) : shown.length === 0 ? (
          <KeyListEmpty
            search={search}
            showOwners={isAdmin}
            ownerName={ownerName}
            unusedOnly={unusedOnly}
            unusedDays={UNUSED_DAYS}
            onClearSearch={() => {
              setSearch("");
              searchBox.current?.focus();
            }}
          />
        ) : (
          <KeyTable
            keys={shown}
            showOwner={isAdmin}
            now={now}
            onAction={act}
            sort={sort}
            onSort={(column) => setSort(nextSort(sort, column))}
          />
        )}
      </div>

      {open?.dialog === "create" && (
        <CreateKeyDialog
          isAdmin={isAdmin}
          onCancel={close}
          onCreated={({ key, apiKey }) => {
            setOpen({ dialog: "reveal", name: apiKey.name, secret: key });
            say(`“${apiKey.name}” created.`);
            // In the list at once (the answer has it); the reload then brings whatever else changed.
            setKeys((current) => current && [apiKey, ...current.filter((each) => each.id !== apiKey.id)]);
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
            say(`“${apiKey.name}” rolled: a new key replaces the old one.`);
            const old = { ...open.key, replacedById: apiKey.id, expiresAt: previousKeyExpiresAt };
            setKeys((current) => current && [apiKey, ...current.map((each) => (each.id === old.id ? old : each))]);
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
      {open?.dialog === "edit" && (
        <EditKeyDialog
          apiKey={open.key}
          onCancel={close}
          onSaved={(apiKey) => {
            setKeys((current) => current?.map((each) => (each.id === apiKey.id ? apiKey : each)));
            say(apiKey.name === open.key.name ? `“${apiKey.name}” saved.` : `“${open.key.name}” is now called “${apiKey.name}”.`);
            close();
          }}
        />
      )}
      {open?.dialog === "details" && <KeyDetailsDialog apiKey={open.key} now={now} onClose={close} />}
      {open?.dialog === "deleteExpired" && (
        <DeleteExpiredDialog
          userId={Number(ownerFilter) || undefined}
          showOwner={isAdmin}
          onCancel={close}
          returnFocus={() => createButton.current}
          onDeleted={(deleted) => {
            close();
            say(deleted.length === 1 ? "1 expired key deleted." : `${deleted.length} expired keys deleted.`);
            void load();
          }}
        />
      )}
      {open?.dialog === "delete" && (
        <DeleteKeyDialog
          apiKey={open.key}
          me={me}
          onCancel={close}
          returnFocus={() =>
            (afterDelete.current ? document.getElementById(actionsToggleId(afterDelete.current)) : null) ?? createButton.current
          }
          onDeleted={() => {
            const deleted = open.key;
            const index = shown?.findIndex((key) => key.id === deleted.id) ?? -1;
            afterDelete.current = (shown?.[index + 1] ?? shown?.[index - 1])?.id;
            setKeys((current) => current?.filter((key) => key.id !== deleted.id));
            say(`“${deleted.name}” deleted. Applications using it are refused from now on.`);
            close();
          }}
        />
      )}
    </div>
  );
}
