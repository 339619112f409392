// Row (b) of `npm run bench`: the floor for a checked request.
// It does only the work no key check can avoid: one SHA-256 of the presented key and one indexed
// D1 read that returns the key with its owner and role (the same query Podkeys runs). No format
// check, no routing, no error shape, no lastUsedAt: anything Podkeys does beyond this is overhead.

const LOOKUP_SQL = `SELECT k.id AS keyId, k.name AS keyName, k.last_used_at AS lastUsedAt,
  u.id AS userId, u.username, u.role
  FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`;

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export default {
  async fetch(request, env) {
    const key = (request.headers.get("authorization") ?? "").slice("Bearer ".length);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(key)));
    let keyHash = "";
    for (const byte of digest) keyHash += HEX[byte];
    const row = await env.DB.prepare(LOOKUP_SQL).bind(keyHash).first();
    if (!row) return new Response(null, { status: 401 });
    return Response.json({ user: { id: row.userId, username: row.username, role: row.role } });
  },
};
