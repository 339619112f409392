// A stand-in Pinepods server for the gateway tests: an auxiliary Worker that the Podkeys Worker's
// outbound fetch is routed to (vitest.config.ts: outboundService). It answers Pinepods' documented
// shapes for the endpoints the gateway forwards, checks its own Api-Key like Pinepods does, and
// records every request it receives, so tests can prove what reached the origin — and what did not.
//   GET/DELETE http://<any host>/__received   the record (read / clear); never forwarded by Podkeys
//   host down.test                             a server that refuses connections (502)
//   host redirect.test                         get_key answers 302 to elsewhere.test (a hostile redirect)
//   host redirect-user.test                    get_key omits user_id (older Pinepods), get_user answers 302 to elsewhere.test
//   host no-mfa-id.test                        get_key's mfa_required answer omits user_id (older Pinepods)
//   host elsewhere.test                        another host: records what reaches it, answers a key as if it were the origin
//   ?slow=1 on any route                       answers after 3 s (504 with a 1 s timeout)
//   ?moved=1 on any keyed route                a redirect to the origin's own address (/api/data/verify_key)
// Like Pinepods, it takes the key from `?api_key=` on its five query-key routes only (stream, episode
// download, feed, the two WebSockets), and writes its own address and the key it was called with
// into the feed, as Pinepods' generate_podcast_rss does.
//   /, /index.html, /assets/*                  Pinepods' web app: its page (no-cache) and files (cacheable for a year)
// Keys are checked exactly where Pinepods checks them (rust-api/src/handlers/*: extract_api_key /
// validate_api_key): everything but the open endpoints below, get_key and the web app's files.
// ROUTES lists every keyed route it serves, as Pinepods' route table names them: the permission map must
// cover each one (test/gateway/route-permissions.test.ts); NOT_KEYED the others, each with why no key is asked.
//   POST /__control {action, user, password}   the test's hand on the server: "password" changes a user's
//                                              password, "revoke" deletes their key (until their next get_key),
//                                              "rename" {user, to} renames a user (as Pinepods lets users do
//                                              themselves: "bob " with a trailing space, or a name another
//                                              user gave up), "reset" restores everything; never forwarded by Podkeys
// Pinepods' users, as its handlers describe them: ann is an administrator (user_admin_check), cat has
// two-factor sign-in (get_key answers mfa_required; verify_mfa_and_get_key takes `mfa` as the code).
// Single sign-on (handlers/auth.rs store_oidc_state, oidc_callback): the provider's `code` names the
// user; the callback redirects to `{origin_url's base}/oauth/callback?api_key=<key>`, or for a
// `pinepods://auth/callback` origin_url answers a small HTML page that redirects the app there.
export const ORIGIN_USERS = {
  bob: { id: 7, password: "bob's pinepods password", key: "pp-origin-key-bob-0123456789abcdef", fullname: "Bob Builder", admin: false },
  ann: { id: 8, password: "ann's pinepods password", key: "pp-origin-key-ann-fedcba9876543210", fullname: "Ann Admin", admin: true },
  cat: {
    id: 9,
    password: "cat's pinepods password",
    key: "pp-origin-key-cat-00112233445566778",
    fullname: "Cat Careful",
    admin: false,
    mfa: "246810",
  },
  dan: { id: 10, password: "dan's pinepods password", key: "pp-origin-key-dan-99887766554433221", fullname: "Dan Door", admin: false },
};
/** Changed by /__control: passwords changed at the origin, keys deleted there, users renamed. */
const passwords = new Map();
const renamed = new Map();
/** A user's name now; ORIGIN_USERS' keys stay each user's own handle. */
const nameOf = (handle) => renamed.get(handle) ?? handle;
/** Pinepods looks the (lowercased) name up among the users' current names. */
const handleByName = (name) => Object.keys(ORIGIN_USERS).find((handle) => nameOf(handle).toLowerCase() === name);
const revoked = new Set();
const mfaSessions = new Map();
const oidcStates = new Map();
const passwordOf = (name) => passwords.get(name) ?? ORIGIN_USERS[name].password;

/** Every route this stand-in answers (besides its /__received record), in the permission map's notation. */
export const ROUTES = [
  "GET /api/data/config",
  "GET /api/data/get_key",
  "POST /api/data/verify_mfa_and_get_key",
  "GET /api/data/get_user",
  "GET /api/data/verify_key",
  "GET /api/data/user_admin_check/{user_id}",
  "GET /api/data/user_details_id/{user_id}",
  "GET /api/data/return_pods/{user_id}",
  "POST /api/data/add_podcast",
  "GET /api/data/stream/{episode_id}",
  "PUT /api/data/increment_listen_time/{user_id}",
  "POST /api/data/queue_pod",
  "GET /api/data/get_queued_episodes",
  "GET /api/data/refresh_pods",
  "GET /api/feed/{user_id}",
  "GET /api/data/get_user_info",
  "POST /api/data/add_user",
  "DELETE /api/data/user/delete/{user_id}",
  "PUT /api/data/increment_played/{user_id}",
  "PUT /api/data/user/set_theme",
  "GET /api/episodes/{episode_id}/download",
  "GET /ws/api/tasks/{user_id}",
  "GET /ws/api/data/episodes/{user_id}",
];

/**
 * What it answers without a key, and why the permission map does not govern it: the gateway never
 * asks a key for these, so no permission of a key could narrow them.
 */
export const NOT_KEYED = {
  "GET /api/pinepods_check": "open endpoint (gateway/open-endpoints.ts)",
  "GET /api/health": "open endpoint (gateway/open-endpoints.ts)",
  "GET /api/data/self_service_status": "open endpoint (gateway/open-endpoints.ts)",
  "GET /api/data/public_oidc_providers": "open endpoint (gateway/open-endpoints.ts)",
  "GET /api/data/get_available_languages": "open endpoint (gateway/open-endpoints.ts)",
  "GET /api/data/get_server_default_language": "open endpoint (gateway/open-endpoints.ts)",
  "POST /api/data/reset_password_create_code": "open endpoint (gateway/open-endpoints.ts)",
  "POST /api/data/verify_and_reset_password": "open endpoint (gateway/open-endpoints.ts)",
  "POST /api/auth/store_state": "open endpoint (gateway/open-endpoints.ts)",
  "GET /api/auth/callback": "open endpoint (gateway/open-endpoints.ts): its answer is rewritten (gateway/origin-accounts.ts)",
  "GET /": "Pinepods' web app: a public page outside /api (routes/gateway/web-app.ts)",
  "GET /index.html": "Pinepods' web app: a public page outside /api (routes/gateway/web-app.ts)",
  "GET /assets/{*path}": "Pinepods' web app: public files outside /api (routes/gateway/web-app.ts)",
};

/** The podcasts every origin user is subscribed to, for return_pods and the RSS feed. */
const PODCASTS = [
  { podcastid: 11, podcastname: "Eleven Minutes" },
  { podcastid: 12, podcastname: "Twelve Tales" },
];

/** 100,000 bytes, each its offset mod 251: any slice can be checked by position. */
export const EPISODE = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);

const received = [];
const json = (body, status = 200, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json",
      "set-cookie": "pinepods_session=origin-secret; Path=/",
      "keep-alive": "timeout=5",
      // What Pinepods' CORSMiddleware (allow_credentials=True) answers; Podkeys must not pass it on.
      "access-control-allow-origin": "https://evil.example",
      "access-control-allow-credentials": "true",
      ...headers,
    },
  });
const methodNotAllowed = () => new Response(null, { status: 405 });
/** Pinepods' open handlers (they extract no key) and the one method each is routed for. */
const OPEN = {
  "/api/pinepods_check": () => json({ status_code: 200, pinepods_instance: true }),
  "/api/health": () => json({ status: "healthy" }),
  "/api/data/self_service_status": () => json({ status: false, first_admin_created: true }),
  "/api/data/public_oidc_providers": () =>
    json({
      providers: [
        {
          provider_id: 1,
          provider_name: "Pocket ID",
          client_id: "pinepods-client",
          authorization_url: "https://id.example/authorize",
          scope: "openid email profile",
          button_color: "#1f6feb",
          button_text: "Sign in with Pocket ID",
          button_text_color: "#ffffff",
          icon_svg: null,
        },
      ],
    }),
  "/api/data/get_available_languages": () =>
    json({
      languages: [
        { code: "en", name: "English" },
        { code: "de", name: "Deutsch" },
      ],
    }),
  "/api/data/get_server_default_language": () => json({ default_language: "en" }),
  "/api/data/reset_password_create_code": (body) => json({ code_created: true, received: body }),
  "/api/data/verify_and_reset_password": (body) => json({ message: "Password reset successfully", received: body }),
};
const OPEN_POSTS = new Set(["/api/data/reset_password_create_code", "/api/data/verify_and_reset_password"]);
const userByKey = (key) => Object.entries(ORIGIN_USERS).find(([name, u]) => u.key === key && !revoked.has(name));
const QUERY_KEY_ROUTE =
  /^\/api\/data\/stream\/[^/]+$|^\/api\/episodes\/\d+\/download$|^\/api\/feed\/\d+$|^\/ws\/api\/(?:tasks|data\/episodes)\/\d+$/;

/** Pinepods' own address as its feed handler finds it: the Host header, the scheme from X-Forwarded-Proto or http. */
export const ownAddress = (request, url) =>
  `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host") ?? url.host}`;

/**
 * Who may open a WebSocket (`?api_key=` only, as Pinepods' task_progress_websocket): the key's user
 * for their own user id. Returns the user, or the status to refuse with. Shared with serve-origin.mjs.
 */
export function webSocketAccess(url) {
  const match = /^\/ws\/api\/(?:tasks|data\/episodes)\/(\d+)$/.exec(url.pathname);
  if (!match) return { status: 404 };
  const found = userByKey(url.searchParams.get("api_key"));
  if (!found) return { status: 403 };
  if (found[1].id !== Number(match[1])) return { status: 403 };
  return { user: found[1], username: found[0] };
}

/** What the stand-in's WebSockets answer to a message: an echo; `whoami` answers with its address and key, as a task update might. */
export function webSocketReply(message, user, address) {
  return message === "whoami" ? JSON.stringify({ user_id: user.id, server: address, api_key: user.key }) : `echo:${message}`;
}

export function record(request, url, body) {
  const headers = {};
  for (const [name, value] of request.headers) headers[name] = value;
  received.push({ method: request.method, host: url.hostname, path: url.pathname, query: url.search, headers, body });
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/__control") return control(await request.json());
    if (url.pathname === "/__received") {
      if (request.method === "DELETE") received.length = 0;
      return Response.json(received);
    }
    if (url.hostname === "down.test") {
      // Nothing listens on port 9 here: the connection is refused, as with a server that is down.
      return fetch("http://127.0.0.1:9/");
    }
    const body = request.method === "GET" || request.method === "HEAD" ? null : await request.text();
    record(request, url, body);
    const path = url.pathname;
    if (path.startsWith("/ws/")) return webSocket(request, url);

    if (url.hostname === "elsewhere.test") {
      // Whatever reaches this host was sent somewhere it should not have been; the record shows it.
      return json({ status: "success", retrieved_key: "pp-key-from-elsewhere", user_id: 666, retrieved_id: 666 });
    }
    if (url.hostname === "redirect.test" && path === "/api/data/get_key") return redirect("http://elsewhere.test/api/data/get_key");
    if (url.hostname === "redirect-user.test" && path === "/api/data/get_user") return redirect("http://elsewhere.test/api/data/get_user");

    // Pinepods' web app: public files, no key.
    // Like the web app's own server, any other page address gets its index.html (it routes in the browser).
    const page = !path.startsWith("/api/") && !path.startsWith("/ws/");
    const file = WEB_APP[path === "/" ? "/index.html" : path] ?? (page ? WEB_APP["/index.html"] : undefined);
    if (file) {
      if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed();
      return new Response(request.method === "HEAD" ? null : file.body, {
        headers: { "content-type": file.type, "cache-control": file.cacheControl, ...file.headers },
      });
    }

    // Open endpoints.
    if (OPEN[path]) {
      const allowed = OPEN_POSTS.has(path) ? ["POST"] : ["GET", "HEAD"];
      if (!allowed.includes(request.method)) return methodNotAllowed();
      return OPEN[path](body);
    }
    if (path === "/api/data/get_key") {
      const [, encoded = ""] = /^Basic (.+)$/.exec(request.headers.get("authorization") ?? "") ?? [];
      const [username, password] = atob(encoded || "Og==").split(":");
      // Pinepods lowercases the username (extract_basic_auth).
      const name = handleByName(username.toLowerCase());
      const user = ORIGIN_USERS[name];
      if (!user || passwordOf(name) !== password) return json({ detail: "Invalid username or password" }, 401);
      if (url.hostname === "redirect-user.test") return json({ status: "success", retrieved_key: user.key });
      if (user.mfa) {
        const token = `origin-mfa-session-${crypto.randomUUID()}`;
        mfaSessions.set(token, name);
        const user_id = url.hostname === "no-mfa-id.test" ? undefined : user.id;
        return json({ status: "mfa_required", retrieved_key: null, mfa_required: true, user_id, mfa_session_token: token });
      }
      revoked.delete(name); // create_or_get_api_key: a deleted key is made again

      return json({ status: "success", retrieved_key: user.key, user_id: user.id, mfa_required: false, mfa_session_token: null });
    }
    if (path === "/api/data/verify_mfa_and_get_key" && request.method === "POST") {
      const { mfa_session_token, mfa_code } = JSON.parse(body);
      const name = mfaSessions.get(mfa_session_token);
      mfaSessions.delete(mfa_session_token); // spent by any attempt, as Pinepods does
      if (!name) return json({ status: "invalid_session", retrieved_key: null, verified: false });
      if (ORIGIN_USERS[name].mfa !== mfa_code) return json({ status: "invalid_code", retrieved_key: null, verified: false });
      revoked.delete(name);
      return json({ status: "success", retrieved_key: ORIGIN_USERS[name].key, verified: true });
    }
    if (path === "/api/auth/store_state" && request.method === "POST") {
      const { state, client_id, origin_url } = JSON.parse(body);
      oidcStates.set(state, { client_id, origin_url });
      return json({ status: "success" });
    }
    if (path === "/api/auth/callback" && request.method === "GET") return oidcCallback(request, url);
    if (url.searchParams.get("slow") === "1") {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return json({ status: "late" });
    }

    if (url.searchParams.get("moved") === "1")
      return new Response(null, { status: 302, headers: { location: `${ownAddress(request, url)}/api/data/verify_key` } });
    let match = /^\/api\/feed\/(\d+)$/.exec(path);
    // Pinepods' FeedQuery requires api_key; the feed is built for the key's user.
    if (match) return feed(request, url, match[1]);

    // Everything else: Pinepods checks its own key, from Api-Key or (query-key routes) the api_key parameter.
    const key = request.headers.get("api-key") ?? (QUERY_KEY_ROUTE.test(path) ? url.searchParams.get("api_key") : null);
    const found = userByKey(key);
    if (!found) return json({ detail: "Invalid API key" }, 403);
    const [username, user] = found;

    if (path === "/api/data/get_user") return json({ status: "success", retrieved_id: user.id });
    // get_config checks the Api-Key like any handler (handlers/auth.rs), then names the server's own address.
    if (path === "/api/data/config") {
      const address = ownAddress(request, url);
      return json({
        api_url: address,
        proxy_url: `${address}/mover/?url=`,
        proxy_host: new URL(address).hostname,
        proxy_port: "8040",
        proxy_protocol: "http",
        reverse_proxy: "False",
      });
    }
    if (path === "/api/data/verify_key") return json({ status: "success" });
    match = /^\/api\/data\/user_admin_check\/(\d+)$/.exec(path);
    if (match) {
      if (Number(match[1]) !== user.id) return json({ detail: "You are not authorized to check admin status for other users" }, 403);
      return json({ is_admin: user.admin });
    }
    // Like Pinepods: a user's own id, or anyone's with an administrator's key.
    const mayActFor = (id) => Number(id) === user.id || user.admin === true;
    match = /^\/api\/data\/user_details_id\/(\d+)$/.exec(path);
    if (match) {
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      return json({
        UserID: user.id,
        Fullname: user.fullname,
        Username: nameOf(username),
        Email: `${username}@example.com`,
        Hashed_PW: "origin-hash",
        Salt: null,
      });
    }
    match = /^\/api\/data\/return_pods\/(\d+)$/.exec(path);
    if (match) {
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      const owner = Object.entries(ORIGIN_USERS).find(([, u]) => u.id === Number(match[1]))?.[0] ?? username;
      // Pinepods lets some answers be cached publicly; one user's podcasts must not be.
      return json(
        {
          pods: [
            { podcastid: 1, podcastname: `${owner}'s show`, artworkurl: "", description: "", episodecount: 3 },
            ...PODCASTS.map((pod) => ({ ...pod, artworkurl: "", description: "", episodecount: 1 })),
          ],
        },
        200,
        { "cache-control": "public, max-age=86400" },
      );
    }
    // Pinepods' PUT endpoints: listen time, played state, settings.
    match = /^\/api\/data\/(?:increment_listen_time|increment_played)\/(\d+)$/.exec(path);
    if (match) {
      if (request.method !== "PUT") return methodNotAllowed();
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      return json({ detail: "updated", received: body });
    }
    if (path === "/api/data/user/set_theme") {
      if (request.method !== "PUT") return methodNotAllowed();
      return json({ message: "Theme updated", received: body });
    }
    if (path === "/api/data/queue_pod" && request.method === "POST") {
      const { user_id } = JSON.parse(body || "{}");
      if (!mayActFor(user_id)) return json({ detail: "Forbidden" }, 403);
      return json({ data: "Episode queued successfully" });
    }
    if (path === "/api/data/get_queued_episodes") {
      if (!mayActFor(url.searchParams.get("user_id"))) return json({ detail: "Forbidden" }, 403);
      return json({ data: [] });
    }
    if (path === "/api/data/refresh_pods") return json({ detail: "Refresh initiated." });
    if (path === "/api/data/get_user_info") {
      if (!user.admin) return json({ detail: "Forbidden" }, 403);
      return json(Object.entries(ORIGIN_USERS).map(([name, u]) => ({ UserID: u.id, Username: name, Email: `${name}@example.com` })));
    }
    if (path === "/api/data/add_user" && request.method === "POST") {
      if (!user.admin) return json({ detail: "Forbidden" }, 403);
      return json({ detail: "Success", user_id: 99 });
    }
    match = /^\/api\/data\/user\/delete\/(\d+)$/.exec(path);
    if (match && request.method === "DELETE") {
      if (!user.admin) return json({ detail: "Forbidden" }, 403);
      return json({ status: "User deleted" });
    }
    if (path === "/api/data/add_podcast" && request.method === "POST") return json({ success: true, podcast_id: 42, received: body });
    if (path.startsWith("/api/data/stream/")) return streamEpisode(request);
    if (/^\/api\/episodes\/\d+\/download$/.test(path)) {
      return new Response(EPISODE, {
        headers: {
          "content-type": "audio/mpeg",
          "content-disposition": 'attachment; filename="episode.mp3"',
          "content-length": String(EPISODE.length),
        },
      });
    }
    return json({ detail: "Not Found" }, 404);
  },
};

function redirect(location, status = 302) {
  return new Response(null, { status, headers: { location } });
}

/**
 * Pinepods' web app, as far as signing in goes: like the real one it takes its server from
 * window.location, asks get_key with Basic credentials, then get_user with the key it received.
 */
const WEB_APP_SCRIPT = `
const form = document.querySelector("form");
const status = document.querySelector("#status");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const server = window.location.origin;
  const data = new FormData(form);
  const basic = btoa(data.get("username") + ":" + data.get("password"));
  const signIn = await fetch(server + "/api/data/get_key", { headers: { Authorization: "Basic " + basic } });
  if (!signIn.ok) { status.textContent = "Sign-in failed (" + signIn.status + ")"; return; }
  const { retrieved_key } = await signIn.json();
  localStorage.setItem("api_key", retrieved_key);
  const user = await fetch(server + "/api/data/get_user", { headers: { "Api-Key": retrieved_key } });
  const { retrieved_id } = await user.json();
  const pods = await fetch(server + "/api/data/return_pods/" + retrieved_id, { headers: { "Api-Key": retrieved_key } });
  const { pods: [first] } = await pods.json();
  status.textContent = "Signed in to Pinepods as user " + retrieved_id + ": " + first.podcastname;
  // Live updates, as Pinepods' web app opens them: a WebSocket to the same server, the key in the URL.
  const live = new WebSocket(server.replace(/^http/, "ws") + "/ws/api/tasks/" + retrieved_id + "?api_key=" + retrieved_key);
  live.addEventListener("open", () => live.send("whoami"));
  live.addEventListener("message", (event) => {
    const update = JSON.parse(event.data);
    document.querySelector("#live").textContent = "Live updates from " + update.server + " for user " + update.user_id;
  });
});
`;
const WEB_APP = {
  "/index.html": {
    type: "text/html; charset=utf-8",
    cacheControl: "no-cache",
    headers: { "set-cookie": "pinepods_web=1; Path=/" },
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pinepods</title><link rel="stylesheet" href="/assets/app.css"></head>
<body><main><h1>Pinepods</h1>
<form><label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Log in</button></form>
<p id="status" role="status"></p><p id="live"></p></main>
<script type="module" src="/assets/app.js"></script></body></html>`,
  },
  "/assets/app.js": { type: "text/javascript", cacheControl: "public, max-age=31536000, immutable", body: WEB_APP_SCRIPT },
  "/assets/app.css": { type: "text/css", cacheControl: "public, max-age=31536000, immutable", body: "body { font-family: sans-serif; }" },
};

/** The episode, with Range support (bytes=a-b, a-, -n) as Pinepods' stream endpoint has. */
function streamEpisode(request) {
  const base = { "content-type": "audio/mpeg", "accept-ranges": "bytes" };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("range") ?? "");
  if (!range) return new Response(EPISODE, { headers: { ...base, "content-length": String(EPISODE.length) } });
  let start = range[1] === "" ? EPISODE.length - Number(range[2]) : Number(range[1]);
  const end = range[1] === "" || range[2] === "" ? EPISODE.length - 1 : Math.min(Number(range[2]), EPISODE.length - 1);
  start = Math.max(0, start);
  return new Response(EPISODE.slice(start, end + 1), {
    status: 206,
    headers: { ...base, "content-range": `bytes ${start}-${end}/${EPISODE.length}`, "content-length": String(end - start + 1) },
  });
}

/** The WebSocket itself (a Worker's WebSocketPair); serve-origin.mjs does the same with `ws` on a real port. */
function webSocket(request, url) {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return json({ detail: "Expected a WebSocket upgrade" }, 400);
  const access = webSocketAccess(url);
  if (!access.user) return new Response("Unauthorized", { status: access.status });
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  const address = ownAddress(request, url);
  server.addEventListener("message", (event) => server.send(webSocketReply(event.data, access.user, address)));
  return new Response(null, { status: 101, webSocket: client });
}

/**
 * The personal feed, as Pinepods' generate_podcast_rss writes it: its own address in the channel link
 * and in every enclosure, with the key it was called with (`?api_key={key}&user_id={id}`); `limit`
 * items (default 20), spread over its podcasts (only `podcast_id`'s when given). Streamed in 1000-byte chunks cut anywhere, so addresses and keys straddle chunks.
 */
function feed(request, url, userId) {
  const found = userByKey(url.searchParams.get("api_key"));
  if (!url.searchParams.has("api_key")) return new Response("Failed to deserialize query string: missing field `api_key`", { status: 400 });
  if (!found) return json({ detail: "Invalid API key" }, 403);
  const user = found[1];
  // Like Pinepods: the key's own user's feed, or anyone's with an administrator's key.
  if (Number(userId) !== user.id && user.admin !== true) return json({ detail: "Forbidden" }, 403);
  const podcastId = url.searchParams.get("podcast_id");
  const podcasts = podcastId === null ? PODCASTS : PODCASTS.filter((pod) => String(pod.podcastid) === podcastId);
  const address = ownAddress(request, url);
  const limit = podcasts.length === 0 ? 0 : Math.min(Number(url.searchParams.get("limit") ?? 20) || 20, 100_000);
  const encoder = new TextEncoder();
  let item = 0;
  let pending = encoder.encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">\n<channel>\n` +
      `<title>Pinepods - ${found[0]}'s feed</title>\n<link>${address}</link>\n<description>Your personal Pinepods feed</description>\n`,
  );
  const body = new ReadableStream({
    pull(controller) {
      while (pending.length < 1000 && item <= limit) {
        const text =
          item === limit
            ? "</channel>\n</rss>\n"
            : `<item>\n<title>${podcasts[item % podcasts.length].podcastname}, episode ${item + 1}</title>\n` +
              `<guid>podcast-${podcasts[item % podcasts.length].podcastid}-episode-${item + 1}</guid>\n` +
              `<enclosure url="${address}/api/data/stream/${item + 1}?api_key=${user.key}&amp;user_id=${user.id}" length="${EPISODE.length}" type="audio/mpeg"/>\n` +
              `<itunes:image href="${address}/api/proxy/image?url=https%3A%2F%2Fart.example%2F${item + 1}.jpg"/>\n</item>\n`;
        item++;
        const next = encoder.encode(text);
        const joined = new Uint8Array(pending.length + next.length);
        joined.set(pending);
        joined.set(next, pending.length);
        pending = joined;
      }
      if (pending.length === 0) return controller.close();
      controller.enqueue(pending.slice(0, 1000));
      pending = pending.slice(1000);
    },
  });
  return new Response(body, { headers: { "content-type": "application/rss+xml" } });
}

function control({ action, user, password, to }) {
  if (action === "password") passwords.set(user, password);
  else if (action === "rename") renamed.set(user, to);
  else if (action === "revoke") revoked.add(user);
  else if (action === "reset") {
    passwords.clear();
    renamed.clear();
    revoked.clear();
    mfaSessions.clear();
    oidcStates.clear();
  }
  return Response.json({ ok: true });
}

/** handlers/auth.rs oidc_callback: the state names where to send the person back; the key goes in the URL. */
function oidcCallback(request, url) {
  const stored = oidcStates.get(url.searchParams.get("state"));
  oidcStates.delete(url.searchParams.get("state"));
  const own = ownAddress(request, url);
  if (!stored) return redirect(`${own}/oauth/callback?error=invalid_state`, 303);
  const name = url.searchParams.get("code");
  const user = ORIGIN_USERS[name];
  const mobile = stored.origin_url?.startsWith("pinepods://auth/callback");
  const base = mobile ? stored.origin_url : stored.origin_url ? new URL(stored.origin_url).origin : own;
  if (!user) return redirect(`${base}/oauth/callback?error=user_creation_failed`, 303);
  revoked.delete(name);
  if (!mobile) return redirect(`${base}/oauth/callback?api_key=${user.key}`, 303);
  const deepLink = `${base}?api_key=${user.key}`;
  return new Response(
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${deepLink}"><title>Signing in…</title></head>` +
      `<body><p>Returning to the Pinepods app…</p><p><a href="${deepLink}">Open Pinepods</a></p>` +
      `<script>window.location.href = "${deepLink}";</script></body></html>`,
    { headers: { "content-type": "text/html; charset=utf-8" } },
  );
}
