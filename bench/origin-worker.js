// Rows (g), (o), (w) and (x) of `npm run bench`: a bare Pinepods-shaped origin. It answers a small JSON list
// (what `return_pods` looks like) and, for the streaming measurement, a 50 MB episode generated in
// 64 KB chunks as it is read (so the origin itself holds no 50 MB buffer either).
// It accepts its own key (binding ORIGIN_KEY) in Api-Key, as the gateway sends it, or any Bearer
// header (row o, direct). The WebSocket and feed measurements (gateway.mjs): on /ws/* an echo
// WebSocket, and /api/feed/{id} a 5 MB RSS feed that, like Pinepods', names its own address and the
// key it was called with in every enclosure; both take the key as ?api_key= (ORIGIN_KEY).
const EPISODE_BYTES = 50 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(7);
const PODS = JSON.stringify({ pods: [{ podcastid: 1, podcastname: "Bench show", episodecount: 12 }] });

/** Row (w)/(x): the web app's index, public and cacheable for 10 minutes (its files need no key). */
const INDEX = `<!doctype html><html><head><title>Pinepods</title><script type="module" src="/assets/app.js"></script></head><body>${"<p>Pinepods</p>".repeat(200)}</body></html>`;

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    const { pathname } = url;
    if (pathname === "/") return new Response(INDEX, { headers: { "content-type": "text/html", "cache-control": "public, max-age=600" } });
    const authorized =
      request.headers.get("api-key") === env.ORIGIN_KEY ||
      (request.headers.get("authorization") ?? "").startsWith("Bearer ") ||
      url.searchParams.get("api_key") === env.ORIGIN_KEY;
    if (!authorized) return new Response('{"detail":"Invalid API key"}', { status: 403 });
    if (pathname.startsWith("/ws/")) return echoSocket();
    if (pathname.startsWith("/api/feed/")) return feed(`http://${request.headers.get("host") ?? url.host}`, env.ORIGIN_KEY);
    if (pathname.startsWith("/api/data/stream/")) {
      let sent = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (sent >= EPISODE_BYTES) return controller.close();
          controller.enqueue(CHUNK);
          sent += CHUNK.byteLength;
        },
      });
      return new Response(body, { headers: { "content-type": "audio/mpeg", "content-length": String(EPISODE_BYTES) } });
    }
    return new Response(PODS, { headers: { "content-type": "application/json" } });
  },
};

function echoSocket() {
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  server.addEventListener("message", (event) => server.send(event.data));
  return new Response(null, { status: 101, webSocket: client });
}

const FEED_BYTES = 5 * 1024 * 1024;
/** Items of ~300 bytes, generated as they are read, 64 KB at a time, until 5 MB. */
function feed(address, key) {
  const encoder = new TextEncoder();
  let sent = 0;
  let item = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (sent >= FEED_BYTES) {
        controller.enqueue(encoder.encode("</channel></rss>\n"));
        return controller.close();
      }
      let text = sent === 0 ? `<?xml version="1.0"?><rss version="2.0"><channel><link>${address}</link>\n` : "";
      while (text.length < 64 * 1024) {
        item++;
        text +=
          `<item><title>Episode ${item}</title><guid>${item}</guid>` +
          `<enclosure url="${address}/api/data/stream/${item}?api_key=${key}&amp;user_id=1" length="1000" type="audio/mpeg"/></item>\n`;
      }
      const bytes = encoder.encode(text);
      sent += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return new Response(body, { headers: { "content-type": "application/rss+xml" } });
}
