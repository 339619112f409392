// A typed Podkeys client: openapi-fetch, with types generated from the server's OpenAPI document:
//   npx openapi-typescript http://localhost:8787/api/openapi.json -o podkeys-api.d.ts
//   PODKEYS_URL=https://keys.example.com PODKEYS_KEY=podk_… npx tsx client.ts
import createClient from "openapi-fetch";
import type { paths } from "./podkeys-api";

const key = process.env.PODKEYS_KEY ?? "";
const podkeys = createClient<paths>({
  baseUrl: process.env.PODKEYS_URL ?? "http://localhost:8787",
  headers: { authorization: `Bearer ${key}` },
});

// Every answer is typed: `data` on success, `error` ({error:{code,message}}) otherwise.
const me = await podkeys.GET("/api/me");
if (!me.data) {
  console.error(`Podkeys refused the key: ${me.error?.error.code}`);
  process.exit(1);
}
console.log(`Key "${me.data.key?.name}" belongs to ${me.data.user.username} (${me.data.user.role}).`);

const list = await podkeys.GET("/api/keys");
for (const k of list.data?.keys ?? []) console.log(`- ${k.name} ${k.hint} (${k.scope}${k.enabled ? "" : ", disabled"})`);

// What a service does with a key someone gave it; the result is a union on `valid`.
const check = await podkeys.POST("/api/keys/verify", { body: { key } });
if (check.data?.valid) console.log(`Valid: key ${check.data.keyId} of ${check.data.user.username}, scope ${check.data.scope}.`);
else console.log(`Not valid: ${check.data?.code}`);
