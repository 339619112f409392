import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type ApiKey, api, errorMessage, type OriginLink, type User } from "../api";
import { lazy } from "../components/lazy";
import { LoadError } from "../components/load-error";
import { useNow } from "../components/use-now";
import { DeleteExpiredDialog } from "./delete-expired-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { KeyListEmpty } from "./key-list-empty";
import { DEFAULT_SORT, groupRolled, matchesSearch, nextSort, type Sort, sortKeys } from "./key-list-view";
import { keyStatus } from "./key-status";
import { actionsToggleId, type KeyAction, KeyTable, KeyTableSkeleton } from "./key-table";
import { RevealKeyDialog } from "./reveal-key-dialog";
import { RollKeyDialog } from "./roll-key-dialog";

// Loaded when first opened, outside the first paint's JavaScript: the create dialog with its access fields,
// the details with the usage chart.
const CreateKeyDialog = lazy(() => import("./create-key-dialog").then((module) => module.CreateKeyDialog));
const KeyDetailsDialog = lazy(() => import("./key-details-dialog").then((module) => module.KeyDetailsDialog));

type Open =
  | { dialog: "create"; replacing?: ApiKey }
  | { dialog: "roll" | "renew"; key: ApiKey }
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
  /** Once the first list (or its error) is on screen: the page below may appear without being pushed down. */
  onSettled?: () => void;
  /** Everyone, for the administrator's owner filter; undefined for a standard user. */
  users: User[] | undefined;
}

const UNUSED_DAYS = 90;

export function ApiKeys({ me, users, onSettled }: ApiKeysProps) {
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
  const status = useRef<HTMLParagraphElement>(null);
  /** Where focus goes after a delete: the next row's actions, or Create when the list is empty. */
  const afterDelete = useRef<number | undefined>(undefined);

  const latest = useRef(0);
  // Whether keys reach the podcast server: the create dialog's default access, the link blocker.
  const [link, setLink] = useState<OriginLink>();
  // The list waits for the link too: a blocker arriving above a list already shown would push it down.
  const [linkKnown, setLinkKnown] = useState(false);
  const loadLink = () =>
    api
      .origin()
      .then(setLink, () => undefined)
      .finally(() => setLinkKnown(true));
  useEffect(() => void loadLink(), []);

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

  const settled = (keys !== undefined || loadError !== undefined) && linkKnown;
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled]);

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
  /** The keys a key replaced, roll after roll, while they are still in the list. */
  const replacedBy = (key: ApiKey): ApiKey[] => {
    const before = keys?.find((each) => each.replacedById === key.id);
    return before ? [before, ...replacedBy(before)] : [];
  };
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
    else if (action === "replace") setOpen({ dialog: "create", replacing: key });
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
        <button
          ref={createButton}
          type="button"
          class="button button-primary"
          onClick={() => {
            setOpen({ dialog: "create" });
            // Linked meanwhile in Podcast server? Then the key dialog drops the blocker.
            if (link?.configured && !link.linked) void loadLink();
          }}
        >
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
      <p ref={status} tabIndex={-1} class={announcement.failed ? "form-error" : "success"} role="status">
        {announcement.text}
      </p>
      <div class="list-area" aria-busy={shown === undefined || !settled}>
        {/* Inside the list's area, arriving with the list: the area itself does not move. */}
        {settled && link?.configured && !link.linked && (
          <p class="notice link-blocker" role="note">
            <strong>Link your Pinepods account first:</strong> until then the podcast server refuses your keys.{" "}
            <a href="#podcast-server">Link it in Podcast server</a>.
          </p>
        )}
        {loadError ? (
          <LoadError what="The keys" reason={loadError} onRetry={load} />
        ) : shown === undefined || !settled ? (
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
          podcastServer={link?.configured === true}
          replacing={open.replacing}
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
      {(open?.dialog === "roll" || open?.dialog === "renew") && (
        <RollKeyDialog
          apiKey={open.key}
          renew={open.dialog === "renew"}
          onCancel={close}
          onRolled={({ key, apiKey, previousKeyExpiresAt }) => {
            setOpen({ dialog: "reveal", name: apiKey.name, secret: key, previousKeyExpiresAt, keyId: apiKey.id });
            say(`“${apiKey.name}” ${open.dialog === "renew" ? "renewed" : "rolled"}: a new key replaces the old one.`);
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
          link={link}
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
      {open?.dialog === "details" && <KeyDetailsDialog apiKey={open.key} earlier={replacedBy(open.key)} now={now} onClose={close} />}
      {open?.dialog === "deleteExpired" && (
        <DeleteExpiredDialog
          userId={Number(ownerFilter) || undefined}
          showOwner={isAdmin}
          onCancel={close}
          returnFocus={() => status.current}
          onDeleted={async (deleted) => {
            close();
            say(deleted.length === 1 ? "1 expired key deleted." : `${deleted.length} expired keys deleted.`);
            await load();
            // The button that opened the dialog is gone with the expired keys: focus goes to what happened.
            status.current?.focus();
          }}
        />
      )}
      {open?.dialog === "delete" && (
        <DeleteKeyDialog
          apiKey={open.key}
          me={me}
          predecessor={replacedBy(open.key).find((key) => keyStatus(key, now).state === "replaced")}
          onCancel={close}
          returnFocus={() =>
            (afterDelete.current ? document.getElementById(actionsToggleId(afterDelete.current)) : null) ?? createButton.current
          }
          onDeleted={(alsoOld) => {
            const deleted = open.key;
            const gone = new Set([deleted.id, ...(alsoOld ? [replacedBy(deleted)[0]!.id] : [])]);
            const left = shown?.filter((key) => !gone.has(key.id) || key.id === deleted.id) ?? [];
            const index = left.findIndex((key) => key.id === deleted.id);
            afterDelete.current = (left[index + 1] ?? left[index - 1])?.id;
            setKeys((current) => current?.filter((key) => !gone.has(key.id)));
            say(`“${deleted.name}” deleted${alsoOld ? ", and the key it replaced" : ""}. Applications using it are refused from now on.`);
            close();
          }}
        />
      )}
    </div>
  );
}
