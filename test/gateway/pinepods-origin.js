// A stand-in Pinepods server for the gateway tests: an auxiliary Worker that the Podkeys Worker's
// outbound fetch is routed to (vitest.config.ts: outboundService). It answers Pinepods' documented
// shapes for the endpoints the gateway forwards, checks its own Api-Key like Pinepods does, and
// records every request it receives, so tests can prove what reached the origin — and what did not.
//   GET/DELETE http://<any host>/__received   the record (read / clear); never forwarded by Podkeys
//   host down.test                             a server that refuses connections (502)
//   /api/data/slow                             answers after 3 s (504 with a 1 s timeout)

export const ORIGIN_USERS = {
  bob: { id: 7, password: "bob's pinepods password", key: "pp-origin-key-bob-0123456789abcdef", fullname: "Bob Builder" },
  ann: { id: 8, password: "ann's pinepods password", key: "pp-origin-key-ann-fedcba9876543210", fullname: "Ann Admin" },
};

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
    if (path === "/api/data/slow") {
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
    let match = /^\/api\/data\/user_details_id\/(\d+)$/.exec(path);
    if (match) {
      if (Number(match[1]) !== user.id) return json({ detail: "Forbidden" }, 403);
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
      if (Number(match[1]) !== user.id) return json({ detail: "Forbidden" }, 403);
      return json({ pods: [{ podcastid: 1, podcastname: `${username}'s show`, artworkurl: "", description: "", episodecount: 3 }] });
    }
    if (path === "/api/data/add_podcast" && request.method === "POST") return json({ success: true, podcast_id: 42, received: body });
    if (path.startsWith("/api/data/stream/")) return streamEpisode(request);
    return json({ detail: "Not Found" }, 404);
  },
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
