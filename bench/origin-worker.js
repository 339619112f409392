// Rows (g) and (o) of `npm run bench`: a bare Pinepods-shaped origin. It answers a small JSON list
// (what `return_pods` looks like) and, for the streaming measurement, a 50 MB episode generated in
// 64 KB chunks as it is read (so the origin itself holds no 50 MB buffer either).
// It accepts its own key (binding ORIGIN_KEY) in Api-Key, as the gateway sends it, or any Bearer
// header (row o, direct).
const EPISODE_BYTES = 50 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(7);
const PODS = JSON.stringify({ pods: [{ podcastid: 1, podcastname: "Bench show", episodecount: 12 }] });

export default {
  fetch(request, env) {
    const authorized =
      request.headers.get("api-key") === env.ORIGIN_KEY || (request.headers.get("authorization") ?? "").startsWith("Bearer ");
    if (!authorized) return new Response('{"detail":"Invalid API key"}', { status: 403 });
    const { pathname } = new URL(request.url);
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
