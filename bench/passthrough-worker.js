// Row (p) of `npm run bench`: the floor for any gateway — a Worker that only sends the request on to
// the origin (with the origin's key) and hands back the answer's stream. No key check, no pipeline:
// what Podkeys' gateway adds beyond this is its own cost. Like row (g), its fetch reaches the origin
// Worker in-process (outboundService), so (p) pays the same subrequest as (g).
export default {
  fetch(request, env) {
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.delete("authorization");
    headers.set("api-key", env.ORIGIN_KEY);
    return fetch(`http://origin.bench${url.pathname}${url.search}`, { method: request.method, headers });
  },
};
