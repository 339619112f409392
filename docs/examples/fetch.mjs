// Check a Podkeys key with fetch (Node 18+), then list its owner's keys.
//   PODKEYS_URL=https://keys.example.com PODKEYS_KEY=podk_… node fetch.mjs
const url = process.env.PODKEYS_URL ?? "http://localhost:8787";
const key = process.env.PODKEYS_KEY;

/** GET a Podkeys endpoint with the key; throws with Podkeys' error code on a 4xx or 5xx. */
async function podkeys(path) {
  const response = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${key}` } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${body.error.code}: ${body.error.message}`);
  return body;
}

try {
  const me = await podkeys("/api/me");
  console.log(`Key "${me.key.name}" (${me.key.scope}) belongs to ${me.user.username}.`);

  const { keys } = await podkeys("/api/keys");
  for (const k of keys) console.log(`- ${k.name} ${k.hint}, last used ${k.lastUsedAt ?? "never"}`);
} catch (error) {
  console.error(`Podkeys refused the key: ${error.message}`);
  process.exitCode = 1;
}
