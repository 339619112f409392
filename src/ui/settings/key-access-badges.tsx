import type { ApiKey } from "../api";
import { accessBadges, isShorthand, shortForm } from "./key-access";
import { SCOPE_LABELS } from "./key-status";

/** A key's access in a list row: its scope's name, or its permissions in short form; chosen podcasts, fence and limit as badges. */
export function KeyAccessSummary({ apiKey }: { apiKey: ApiKey }) {
  const shorthand = isShorthand(apiKey);
  return (
    <>
      <span class={`scope scope-${apiKey.scope}`} title={shorthand ? undefined : `Permissions: ${shortForm(apiKey.permissions)}`}>
        {shorthand ? SCOPE_LABELS[apiKey.scope] : shortForm(apiKey.permissions)}
      </span>
      {accessBadges(apiKey).map(({ label, title }) => (
        <span key={label} class="badge access-badge" title={title}>
          {label}
        </span>
      ))}
    </>
  );
}
