/**
 * Where a key may travel in the URL. Pinepods reads `?api_key=` on exactly five routes — the ones a
 * browser or another podcast app opens without being able to set a header: `<audio src>` (stream),
 * a download link, the personal RSS feed pasted into another app, and the web app's two WebSockets
 * (a browser's WebSocket cannot send headers). There, and only there, Podkeys reads `api_key` as a
 * Podkeys key and swaps in the owner's origin key. (Route table: Pinepods' rust-api/src/main.rs.)
 *
 * One id segment per route, digits where Pinepods' handler takes an i32: `/api/feed/..%2F…` cannot
 * stretch the exception to another path.
 */
const QUERY_KEY_ROUTES = [
  /^\/api\/data\/stream\/[A-Za-z0-9_-]{1,64}$/,
  /^\/api\/episodes\/\d{1,10}\/download$/,
  /^\/api\/feed\/\d{1,10}$/,
  /^\/ws\/api\/tasks\/\d{1,10}$/,
  /^\/ws\/api\/data\/episodes\/\d{1,10}$/,
];

export const takesQueryKey = (path: string) => QUERY_KEY_ROUTES.some((route) => route.test(path));

/**
 * Takes the key out of a forwarded URL: returns `api_key` on a query-key route (null elsewhere or when
 * absent), and removes from the URL `api_key` and every parameter whose value holds a Podkeys key,
 * whatever its name (`?token=podk_…`, or a key as the name itself), so no Podkeys key ever reaches the origin in a URL.
 */
export function takeQueryKey(url: URL, keyPrefix: string): string | null {
  const key = takesQueryKey(url.pathname) ? url.searchParams.get("api_key") : null;
  const marker = `${keyPrefix}_`;
  const names = new Set<string>();
  for (const [name, value] of url.searchParams) if (name === "api_key" || name.includes(marker) || value.includes(marker)) names.add(name);
  for (const name of names) url.searchParams.delete(name);
  return key;
}
