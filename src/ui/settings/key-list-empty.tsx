/** What an empty list means depends on why it is empty: each filter says so in its own words. */
export function KeyListEmpty({
  search,
  ownerName,
  unusedOnly,
  unusedDays,
  onClearSearch,
  showOwners,
}: {
  search: string;
  showOwners: boolean;
  /** Set when an administrator shows one user's keys. */
  ownerName: string | undefined;
  unusedOnly: boolean;
  unusedDays: number;
  onClearSearch: () => void;
}) {
  if (search.trim()) {
    return (
      <div class="empty">
        <p class="empty-title">No keys match “{search.trim()}”</p>
        <p>The search looks at key names, hints (like podk_…a1B2){showOwners ? " and owners" : ""}.</p>
        <button type="button" class="button" onClick={onClearSearch}>
          Clear search
        </button>
      </div>
    );
  }
  if (unusedOnly) {
    return (
      <div class="empty">
        <p class="empty-title">No keys unused for {unusedDays} days</p>
        <p>Every key here has been used recently, or is newer than that.</p>
      </div>
    );
  }
  if (ownerName !== undefined) {
    // Create would make a key for the administrator, not for this user: say so rather than suggest it.
    return (
      <div class="empty">
        <p class="empty-title">{ownerName} has no API keys</p>
        <p>Keys belong to whoever creates them: {ownerName} creates their own after signing in.</p>
      </div>
    );
  }
  return (
    <div class="empty">
      <p class="empty-title">No API keys yet</p>
      <p>
        Create one for each app that should reach your podcasts — a media center, a phone app, a sync script. You can disable or delete a
        key at any time, and only that app loses access.
      </p>
    </div>
  );
}
