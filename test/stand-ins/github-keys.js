// A stand-in for GitHub's secret-scanning key server (GET https://api.github.com/meta/public_keys/secret_scanning):
// each path holds its own key list, so tests do not share one. PUT <path> sets the list (GitHub's JSON
// shape: {public_keys: [{key_identifier, key (PEM), is_current}]}); GET <path> answers it and counts the
// fetch; GET <path>?fetches answers how many times the list was fetched.
const lists = new Map();
const fetches = new Map();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method === "PUT") {
      lists.set(path, await request.json());
      return new Response(null, { status: 204 });
    }
    if (url.searchParams.has("fetches")) return Response.json({ fetches: fetches.get(path) ?? 0 });
    fetches.set(path, (fetches.get(path) ?? 0) + 1);
    const list = lists.get(path);
    return list ? Response.json(list) : Response.json({ message: "Not Found" }, { status: 404 });
  },
};
