// A stand-in Pinepods server for the gateway tests: an auxiliary Worker that the Podkeys Worker's
// outbound fetch is routed to (vitest.config.ts: outboundService). It answers Pinepods' documented
// shapes for the endpoints the gateway forwards, checks its own Api-Key like Pinepods does, and
// records every request it receives, so tests can prove what reached the origin — and what did not.
//   GET/DELETE http://<any host>/__received   the record (read / clear); never forwarded by Podkeys
//   host down.test                             a server that refuses connections (502)
//   ?slow=1 on any route                       answers after 3 s (504 with a 1 s timeout)
// ROUTES lists every route it serves, as Pinepods' route table names them: the permission map must
// cover each one (test/gateway/route-permissions.test.ts).

export const ORIGIN_USERS = {
  bob: { id: 7, password: "bob's pinepods password", key: "pp-origin-key-bob-0123456789abcdef", fullname: "Bob Builder" },
  ann: { id: 8, password: "ann's pinepods password", key: "pp-origin-key-ann-fedcba9876543210", fullname: "Ann Admin", admin: true },
};

/** Every route this stand-in answers (besides its /__received record), in the permission map's notation. */
export const ROUTES = [
  "GET /api/pinepods_check",
  "GET /api/health",
  "GET /api/data/config",
  "GET /api/data/get_key",
  "GET /api/data/get_user",
  "GET /api/data/verify_key",
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
];

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
const userByKey = (key) => Object.entries(ORIGIN_USERS).find(([, u]) => u.key === key);

function record(request, url, body) {
  const headers = {};
  for (const [name, value] of request.headers) headers[name] = value;
  received.push({ method: request.method, path: url.pathname, query: url.search, headers, body });
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
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

    // Open endpoints.
    if (path === "/api/pinepods_check") return json({ status_code: 200, pinepods_instance: true });
    if (path === "/api/health") return json({ status: "healthy" });
    if (path === "/api/data/config") {
      return json({
        api_url: "http://pinepods.test",
        proxy_url: "http://pinepods.test/mover/?url=",
        proxy_host: "pinepods.test",
        proxy_port: "8040",
        proxy_protocol: "http",
        reverse_proxy: "False",
      });
    }
    if (path === "/api/data/get_key") {
      const [, encoded = ""] = /^Basic (.+)$/.exec(request.headers.get("authorization") ?? "") ?? [];
      const [username, password] = atob(encoded || "Og==").split(":");
      const user = ORIGIN_USERS[username];
      if (!user || user.password !== password) return json({ detail: "Invalid credentials" }, 401);
      return json({ status: "success", retrieved_key: user.key, user_id: user.id, mfa_required: false, mfa_session_token: null });
    }
    if (url.searchParams.get("slow") === "1") {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return json({ status: "late" });
    }

    // Everything else: Pinepods checks its own key, from Api-Key or (stream URLs) the api_key parameter.
    const key = request.headers.get("api-key") ?? url.searchParams.get("api_key");
    const found = userByKey(key);
    if (!found) return json({ detail: "Invalid API key" }, 403);
    const [username, user] = found;

    if (path === "/api/data/get_user") return json({ status: "success", retrieved_id: user.id });
    if (path === "/api/data/verify_key") return json({ status: "success" });
    // Like Pinepods: a user's own id, or anyone's with an administrator's key.
    const mayActFor = (id) => Number(id) === user.id || user.admin === true;
    let match = /^\/api\/data\/user_details_id\/(\d+)$/.exec(path);
    if (match) {
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      return json({
        UserID: user.id,
        Fullname: user.fullname,
        Username: username,
        Email: `${username}@example.com`,
        Hashed_PW: "origin-hash",
        Salt: null,
      });
    }
    match = /^\/api\/data\/return_pods\/(\d+)$/.exec(path);
    if (match) {
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      const owner = Object.entries(ORIGIN_USERS).find(([, u]) => u.id === Number(match[1]))?.[0] ?? username;
      return json({
        pods: [
          { podcastid: 1, podcastname: `${owner}'s show`, artworkurl: "", description: "", episodecount: 3 },
          ...PODCASTS.map((pod) => ({ ...pod, artworkurl: "", description: "", episodecount: 1 })),
        ],
      });
    }
    match = /^\/api\/data\/increment_listen_time\/(\d+)$/.exec(path);
    if (match && request.method === "PUT") {
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      return json({ detail: "Listen time incremented." });
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
    match = /^\/api\/feed\/(\d+)$/.exec(path);
    if (match) {
      if (!mayActFor(match[1])) return json({ detail: "Forbidden" }, 403);
      return rssFeed(url.searchParams.get("podcast_id"));
    }
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
    return json({ detail: "Not Found" }, 404);
  },
};

/** Pinepods' RSS feed of a user's podcasts: every podcast's items, or one podcast's with podcast_id. */
function rssFeed(podcastId) {
  const podcasts = podcastId === null ? PODCASTS : PODCASTS.filter((pod) => String(pod.podcastid) === podcastId);
  const items = podcasts
    .map((pod) => `<item><title>${pod.podcastname} episode</title><guid>podcast-${pod.podcastid}-episode-1</guid></item>`)
    .join("");
  return new Response(`<?xml version="1.0"?><rss version="2.0"><channel><title>Pinepods feed</title>${items}</channel></rss>`, {
    headers: { "content-type": "application/rss+xml" },
  });
}

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
