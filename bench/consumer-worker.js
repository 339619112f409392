// Rows (r) and (h) of `npm run bench`: another Worker that accepts Podkeys keys, bound to Podkeys'
// KeyService entrypoint as the docs say ([[services]] … entrypoint = "KeyService"). It checks each
// request's key one of two ways, through the same binding, and answers alike either way:
//   (r) GET /rpc:  env.PODKEYS.verify(key), RPC
//   (h) GET /http: POST /api/keys/verify over env.PODKEYS.fetch, what a Worker does without RPC
// 200 {user} for a valid key, 401 otherwise.

const VERIFY_URL = "https://podkeys.internal/api/keys/verify";

export default {
  async fetch(request, env) {
    const key = (request.headers.get("authorization") ?? "").slice("Bearer ".length);
    const answer = new URL(request.url).pathname === "/rpc" ? await env.PODKEYS.verify(key) : await overHttp(env.PODKEYS, key);
    if (!answer.valid) return new Response(null, { status: 401 });
    return Response.json({ user: answer.user });
  },
};

async function overHttp(podkeys, key) {
  const response = await podkeys.fetch(VERIFY_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key }),
  });
  if (!response.ok) throw new Error(`POST /api/keys/verify answered ${response.status}`);
  return response.json();
}
