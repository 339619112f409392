// A podcast API in its own Worker that accepts its users' Podkeys keys, checked by Podkeys over a
// service binding (RPC): no HTTP request, no public endpoint. Its wrangler.toml:
//   [[services]]
//   binding = "PODKEYS"
//   service = "podkeys"
//   entrypoint = "KeyService"
import { Hono } from "hono";
import { isServiceUnavailable, type PodkeysBinding, type PodkeysIdentity, podkeysAuth, retryAfterSeconds } from "podkeys/hono";

const app = new Hono<{ Bindings: { PODKEYS: PodkeysBinding }; Variables: { podkeys: PodkeysIdentity } }>();

// Reading needs any valid key; c.var.podkeys says whose it is.
app.get("/api/episodes", podkeysAuth({ binding: "PODKEYS" }), (c) => {
  const { user, keyId, scope } = c.var.podkeys;
  return c.json({ episodes: [], listener: user.username, keyId, scope });
});

// Changing something needs a key with the full scope: a read key gets 403 INSUFFICIENT_SCOPE.
app.post("/api/episodes", podkeysAuth({ binding: "PODKEYS", scope: "full" }), (c) => {
  return c.json({ created: true, by: c.var.podkeys.user.username }, 201);
});

// Or name the part of Pinepods a route belongs to: a key needs that group at that level (write includes
// read), e.g. a Kodi key made with {"playback":"write","podcasts":"read"} may report progress.
app.put("/api/progress", podkeysAuth({ binding: "PODKEYS", permission: ["playback", "write"] }), (c) => {
  return c.json({ saved: true, permissions: c.var.podkeys.permissions });
});

// Or ask directly: verify() resolves with a verdict for any key, and throws only when Podkeys cannot
// check it right now (its database failed) — a temporary failure, never a verdict.
app.post("/check", async (c) => {
  const { key } = await c.req.json<{ key: string }>();
  try {
    return c.json(await c.env.PODKEYS.verify(key)); // {valid:true, keyId, scope, expiresAt, user} or {valid:false, code}
  } catch (error) {
    if (!isServiceUnavailable(error)) throw error;
    const retryAfter = String(retryAfterSeconds(error));
    return c.json({ error: { code: "SERVICE_UNAVAILABLE", message: "Try again shortly." } }, 503, { "Retry-After": retryAfter });
  }
});

export default app;
