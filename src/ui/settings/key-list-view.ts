import type { ApiKey } from "../api";

/** The columns a person can sort by. "expires" sorts by expiry, keys that never expire last. */
export type SortColumn = "name" | "lastUsed" | "created" | "expires";
export interface Sort {
  column: SortColumn;
  direction: "ascending" | "descending";
}

/** What the API sends: newest first. */
export const DEFAULT_SORT: Sort = { column: "created", direction: "descending" };

/** The first click on a column sorts the way people look for things there: A→Z, soonest expiry, most recent use or creation. */
export function nextSort(current: Sort, column: SortColumn): Sort {
  if (current.column === column) return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
  return { column, direction: column === "name" || column === "expires" ? "ascending" : "descending" };
}

const time = (iso: string | null, missing: number) => (iso === null ? missing : Date.parse(iso));
const byName = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function compare(a: ApiKey, b: ApiKey, column: SortColumn): number {
  switch (column) {
    case "name":
      return byName.compare(a.name, b.name);
    case "lastUsed":
      return time(a.lastUsedAt, 0) - time(b.lastUsedAt, 0);
    case "created":
      return time(a.createdAt, 0) - time(b.createdAt, 0) || a.id - b.id;
    case "expires":
      return time(a.expiresAt, Number.POSITIVE_INFINITY) - time(b.expiresAt, Number.POSITIVE_INFINITY) || 0;
  }
}

export function sortKeys(keys: ApiKey[], sort: Sort): ApiKey[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...keys].sort((a, b) => sign * compare(a, b, sort.column) || b.id - a.id);
}

/** Case- and accent-insensitive match on the name, the hint (podk_…a1B2) and the owner's username. */
export function matchesSearch(key: ApiKey, search: string): boolean {
  const needle = fold(search.trim());
  if (!needle) return true;
  return [key.name, key.hint, key.owner.username].some((text) => fold(text).includes(needle));
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Each old key of a roll goes right under the key that replaced it, whatever the order, so a pair reads
 * as one story. A replaced key whose successor is not in the list (deleted, filtered out) stays where it is.
 */
export function groupRolled(keys: ApiKey[]): ApiKey[] {
  const shownIds = new Set(keys.map((key) => key.id));
  const predecessors = new Map<number, ApiKey[]>();
  for (const key of keys) {
    if (key.replacedById !== null && shownIds.has(key.replacedById)) {
      predecessors.set(key.replacedById, [...(predecessors.get(key.replacedById) ?? []), key]);
    }
  }
  const grouped: ApiKey[] = [];
  const place = (key: ApiKey) => {
    grouped.push(key);
    for (const old of predecessors.get(key.id) ?? []) place(old);
  };
  for (const key of keys) if (key.replacedById === null || !shownIds.has(key.replacedById)) place(key);
  return grouped;
}
