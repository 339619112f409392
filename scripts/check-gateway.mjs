// Checks issue 12's "Done when" (and issue 18's: the web app, open endpoints, other origins, hop
// hygiene, query-key routes, WebSockets and rewritten answers) from outside, against a running `npm start` whose .dev.vars has
// ORIGIN_URL pointing at the stand-in Pinepods server (node test/gateway/serve-origin.mjs 8041):
//   BASE=http://localhost:8791 ORIGIN=http://127.0.0.1:8041 SETUP_TOKEN=… node scripts/check-gateway.mjs
// Needs a fresh local D1 (setup not yet done). Prints one line per check; exits 1 if any fails.
const BASE = process.env.BASE ?? "http://localhost:8787";
const ORIGIN = process.env.ORIGIN ?? "http://127.0.0.1:8041";
const PASSWORD = "correct horse battery";
const BOB_ORIGIN = { password: "bob's pinepods password", key: "pp-origin-key-bob-0123456789abcdef" };
let failed = 0;
const check = (what, ok) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed++;
};
// Sign-ins and password checks count toward the per-username limit (10 a minute): on a 429, wait
// as Retry-After says and try again, as a client would.
// Every answer of the run, headers and body, for the last check: none names the origin key or host.
const answers = [];
async function get(path, init = {}) {
  for (;;) {
    const response = await fetch(`${BASE}${path}`, { redirect: "manual", ...init });
    answers.push(`${[...response.headers].join("\n")}\n${Buffer.from(await response.clone().arrayBuffer()).toString("latin1")}`);
    if (response.status !== 429) return response;
    const seconds = Number(response.headers.get("retry-after")) || 60;
    console.log(`     (429 on ${path}: waiting ${seconds} s)`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}
const post = (path, method, body, headers = {}) =>
  get(path, {
    method,
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", ...headers },
    body: JSON.stringify(body),
  });
const cookieOf = (response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith("podkeys_session="))
    ?.split(";")[0];
const received = async () => (await fetch(`${ORIGIN}/__received`)).json();
const clear = () => fetch(`${ORIGIN}/__received`, { method: "DELETE" });
const basic = (u, p) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}` });

const setup = await post("/api/setup", "POST", { token: process.env.SETUP_TOKEN, username: "admin", password: PASSWORD });
const admin = cookieOf(setup);
await post("/api/users", "POST", { username: "bob", password: PASSWORD, role: "user" }, { cookie: admin });
const bob = cookieOf(await post("/api/auth/login", "POST", { username: "bob", password: PASSWORD }));
const fullKey = (await (await post("/api/keys", "POST", { name: "full", scope: "full" }, { cookie: bob })).json()).key;
const readKey = (await (await post("/api/keys", "POST", { name: "read" }, { cookie: bob })).json()).key;

check("pinepods_check answers through the edge", (await (await get("/api/pinepods_check")).json()).pinepods_instance === true);
await clear();
check(
  "before linking, a data call is refused at the edge (4xx)",
  (await get("/api/data/return_pods/7", { headers: { "api-key": fullKey } })).status === 409 && (await received()).length === 0,
);
check(
  "linking with a wrong password is refused",
  (await post("/api/me/origin", "PUT", { username: "bob", password: "wrong" }, { cookie: bob })).status === 400,
);
check(
  "a key cannot link",
  (await post("/api/me/origin", "PUT", { username: "bob", password: BOB_ORIGIN.password }, { "api-key": fullKey })).status === 403,
);
const linked = await (await post("/api/me/origin", "PUT", { username: "bob", password: BOB_ORIGIN.password }, { cookie: bob })).json();
check("linking with the right password shows originUserId", linked.originUserId === 7);

await clear();
const signIn = await (await get("/api/data/get_key", { headers: basic("bob", PASSWORD) })).json();
check("get_key (Basic, Podkeys password) answers the origin user id", signIn.user_id === 7);
const k = { "api-key": signIn.retrieved_key };
check("verify_key works", (await get("/api/data/verify_key", { headers: k })).status === 200);
check("get_user answers 7", (await (await get("/api/data/get_user", { headers: k })).json()).retrieved_id === 7);
check("user_details_id/7 works", (await (await get("/api/data/user_details_id/7", { headers: k })).json()).UserID === 7);
check("config works", (await get("/api/data/config", { headers: k })).status === 200);
check("return_pods/7 works", (await get("/api/data/return_pods/7", { headers: k })).status === 200);
const seen = (await received()).filter((r) => r.headers["api-key"] !== undefined);
check(
  "the origin received bob's own origin key, never a podk_ key",
  seen.length >= 2 && seen.every((r) => r.headers["api-key"] === BOB_ORIGIN.key) && !JSON.stringify(await received()).includes("podk_"),
);
await clear();
const bad = [await get("/api/data/return_pods/7"), await get("/api/data/return_pods/7", { headers: { "api-key": "podk_nope" } })];
check("bad or missing keys got 401 and never reached the origin", bad.every((r) => r.status === 401) && (await received()).length === 0);

await clear();
check(
  "a read key's POST is 403 and never reaches the origin",
  (await post("/api/data/add_podcast", "POST", { a: 1 }, { "api-key": readKey })).status === 403 && (await received()).length === 0,
);
const body = JSON.stringify({ podcast_values: { title: "x".repeat(20000) } });
await get("/api/data/add_podcast", { method: "POST", headers: { "api-key": fullKey, "content-type": "application/json" }, body });
check("a full key's POST arrives with its body intact", (await received())[0]?.body === body);

await clear();
const stream = await get(`/api/data/stream/5?api_key=${readKey}&user_id=7`);
const bytes = new Uint8Array(await stream.arrayBuffer());
check(
  "stream/{id}?api_key=<podkeys key> returns the origin's bytes",
  stream.status === 200 && bytes.length === 100000 && bytes[1000] === 1000 % 251,
);
check("the origin saw its own key there", (await received())[0]?.query.includes(`api_key=${BOB_ORIGIN.key}`));
const ranged = await get(`/api/data/stream/5?api_key=${readKey}`, { headers: { range: "bytes=1000-1999" } });
const slice = new Uint8Array(await ranged.arrayBuffer());
check(
  "Range: bytes=1000-1999 gives 206 with those bytes",
  ranged.status === 206 && slice.length === 1000 && slice[0] === 1000 % 251 && slice[999] === 1999 % 251,
);
check("a query key on another path is 401", (await get(`/api/data/return_pods/7?api_key=${readKey}`)).status === 401);

const app = "https://lite.example";
const pre = await get("/api/data/get_key", {
  method: "OPTIONS",
  headers: { origin: app, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
});
const ok = await get("/api/data/get_key", { headers: { origin: app, ...basic("bob", PASSWORD) } });
const no = await get("/api/data/get_key", { headers: { origin: app, ...basic("bob", "wrong") } });
const fwd = await get("/api/data/return_pods/7", { headers: { origin: app, "api-key": readKey } });
const all = [pre, ok, no, fwd];
check(
  "CORS: get_key preflight, 200, 401 and forwarded answers carry Access-Control-Allow-Origin",
  all.every((r) => r.headers.get("access-control-allow-origin")),
);
check(
  "CORS: never Access-Control-Allow-Credentials",
  all.every((r) => !r.headers.has("access-control-allow-credentials")),
);

const { key: doomed, apiKey: row } = await (await post("/api/keys", "POST", { name: "doomed" }, { cookie: bob })).json();
const del = await post("/api/data/delete_api_key", "DELETE", { api_id: String(row.id), user_id: "7" }, { "api-key": fullKey });
await clear();
check(
  "delete_api_key with string ids works; the deleted key is refused at once and never forwarded",
  del.status === 200 &&
    (await get("/api/data/return_pods/7", { headers: { "api-key": doomed } })).status === 401 &&
    (await received()).length === 0,
);

const signIns = [];
for (let i = 0; i < 14; i++) {
  const r = await get("/api/data/get_key", { headers: { ...basic("bob", PASSWORD), "user-agent": `client ${i}` } });
  signIns.push((await r.json()).retrieved_key);
}
const live = (await (await get("/api/keys", { headers: { cookie: bob } })).json()).keys.filter((x) => x.kind === "sign_in").length;
check("after 14 sign-ins bob holds at most 10 sign-in keys", live <= 10);
const newest = signIns.at(-1);
check("the newest works", (await get("/api/data/verify_key", { headers: { "api-key": newest } })).status === 200);
check("the oldest is refused", (await get("/api/data/verify_key", { headers: { "api-key": signIns[0] } })).status === 401);
const changed = await post(
  "/api/me/password",
  "POST",
  { currentPassword: PASSWORD, newPassword: "another good password" },
  { cookie: bob },
);
check("bob changes his password", changed.status === 204);
check("a password change ends sign-in keys", (await get("/api/data/verify_key", { headers: { "api-key": newest } })).status === 401);
check("… but not settings keys", (await get("/api/data/verify_key", { headers: { "api-key": fullKey } })).status === 200);

// Issue 18: the household's one URL.
const home = await get("/", { headers: { accept: "text/html" } });
check("GET / answers Pinepods' web app", home.status === 200 && (await home.text()).includes("<title>Pinepods</title>"));
const settingsPage = await get("/podkeys/", { headers: { accept: "text/html" } });
check(
  "GET /podkeys/ answers the settings page",
  settingsPage.status === 200 && (await settingsPage.text()).includes("<title>Podkeys</title>"),
);
await get("/assets/app.js");
await clear();
check(
  "a cacheable web-app file comes from the edge cache the second time",
  (await get("/assets/app.js")).headers.get("x-podkeys-cache") === "hit",
);
check("… and never reached home", (await received()).length === 0);
check("get_available_languages without a key reaches the origin", (await get("/api/data/get_available_languages")).status === 200);
await clear();
const bigPost = await get("/api/data/self_service_status", { method: "POST", body: "x".repeat(1_000_000) });
check("a POST to self_service_status is 405 and never reaches the origin", bigPost.status === 405 && (await received()).length === 0);
await clear();
const smuggled = await get("/api/data/return_pods/7", {
  headers: {
    "api-key": readKey,
    "x-http-method-override": "DELETE",
    forwarded: "host=evil.example",
    "x-original-url": "/x",
    "x-forwarded-host": "evil.example",
  },
});
const [smuggledSeen] = await received();
check(
  "X-HTTP-Method-Override, Forwarded, X-Original-URL and X-Forwarded-Host never reach the origin",
  ["x-http-method-override", "forwarded", "x-original-url", "x-forwarded-host"].every((name) => smuggledSeen?.headers[name] === undefined),
);
check("forwarded answers with a key are private, no-store", smuggled.headers.get("cache-control") === "private, no-store");
const preflightPut = await get("/api/data/increment_listen_time/7", {
  method: "OPTIONS",
  headers: { origin: app, "access-control-request-method": "PUT", "access-control-request-headers": "api-key" },
});
check("the preflight allows PUT", /\bPUT\b/.test(preflightPut.headers.get("access-control-allow-methods") ?? ""));
check(
  "a link username with ':' is 400",
  (await post("/api/me/origin", "PUT", { username: "bob:x", password: "y" }, { cookie: bob })).status === 400,
);

// Issue 18: the query-key routes, WebSockets and rewritten answers.
const wsBase = BASE.replace(/^http/, "ws");
/** Opens a WebSocket, sends `whoami` and `hello`; resolves to the replies, or "refused". */
const socketReplies = (path) =>
  new Promise((resolve) => {
    const socket = new WebSocket(`${wsBase}${path}`);
    const replies = [];
    socket.addEventListener("open", () => socket.send("whoami"));
    socket.addEventListener("message", (event) => {
      replies.push(event.data);
      if (replies.length === 1) socket.send("hello");
      else {
        socket.close();
        resolve(replies);
      }
    });
    socket.addEventListener("error", () => resolve("refused"));
  });
await clear();
const replies = await socketReplies(`/ws/api/tasks/7?api_key=${readKey}`);
const [socketSeen] = await received();
check(
  "a WebSocket to /ws/api/tasks/7?api_key=<podkeys key> opens through the door and echoes",
  Array.isArray(replies) && replies[1] === "echo:hello",
);
check(
  "… the origin saw its own key and never a podk_ key; the frames name the edge, not the origin",
  new URLSearchParams(socketSeen?.query).get("api_key") === BOB_ORIGIN.key &&
    !JSON.stringify(socketSeen).includes("podk_") &&
    Array.isArray(replies) &&
    JSON.parse(replies[0]).server === new URL(BASE).origin,
);
if (Array.isArray(replies)) answers.push(...replies);
await clear();
check(
  "a WebSocket with a bad key is refused and never reaches the origin",
  (await socketReplies("/ws/api/tasks/7?api_key=podk_nope")) === "refused" && (await received()).length === 0,
);
const feed = await (await get(`/api/feed/7?api_key=${readKey}&limit=10`)).text();
const originHost = new URL(ORIGIN).host;
check(
  "the feed is RSS naming neither the origin key nor the origin's host",
  feed.includes("<rss") && !feed.includes(BOB_ORIGIN.key) && !feed.includes(originHost),
);
const enclosure = /<enclosure url="([^"]+)"/.exec(feed)?.[1]?.replaceAll("&amp;", "&") ?? "";
const played = await get(enclosure.slice(new URL(BASE).origin.length), { headers: { range: "bytes=0-99" } });
check("an enclosure URL from it plays through the door (206 with Range)", enclosure.startsWith(BASE) && played.status === 206);
const download = await get(`/api/episodes/12/download?api_key=${readKey}`);
check(
  "GET /api/episodes/{id}/download?api_key= answers the file",
  download.status === 200 && (await download.arrayBuffer()).byteLength === 100_000,
);
await clear();
check(
  "?api_key= on another route is refused and not forwarded",
  (await get(`/api/data/return_pods/7?api_key=${readKey}`)).status === 401 && (await received()).length === 0,
);
await clear();
const config = await (await get("/api/data/config", { headers: { "api-key": readKey } })).json();
const [configSeen] = await received();
check(
  "config reaches the origin with the origin key, and its api_url is the edge's",
  configSeen?.headers["api-key"] === BOB_ORIGIN.key && config.api_url === new URL(BASE).origin,
);
const crossStream = await get(`/api/data/stream/12?api_key=${readKey}`, { headers: { origin: app } });
check(
  "from another origin, a stream with ?api_key= carries Access-Control-Allow-Origin",
  crossStream.headers.has("access-control-allow-origin"),
);
await crossStream.arrayBuffer();
check(
  "no answer in the run contained the origin key or the origin's host",
  answers.every((answer) => !answer.includes(BOB_ORIGIN.key) && !answer.includes(originHost)),
);

check(
  "after unlinking, data calls get a 4xx at the edge",
  (await get("/api/me/origin", { method: "DELETE", headers: { cookie: bob, "sec-fetch-site": "same-origin" } })).status === 204 &&
    (await get("/api/data/return_pods/7", { headers: { "api-key": fullKey } })).status === 409,
);
console.log(failed ? `${failed} check(s) failed` : "all checks passed");
process.exit(failed ? 1 : 0);
