// The bare Worker floor of `npm run bench`: a `fetch` handler that answers /healthz's JSON and nothing
// else — no router, no pipeline, no log line. Podkeys' row (a) against this one is what the app's own
// floor costs beyond the runtime's (issue 24).
export default {
  fetch() {
    return Response.json({ ok: true });
  },
};
