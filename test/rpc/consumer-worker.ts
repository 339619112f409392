import { Hono } from "hono";
import type { PodkeysBinding } from "podkeys/hono";
import podcastApi from "../../docs/examples/worker/podcast-api";

/**
 * The calling Worker of test/rpc/: the documented example (docs/examples/worker/podcast-api.ts),
 * plus probes that hand the tests what the binding itself answers, thrown errors included.
 */
const probes = new Hono<{ Bindings: { PODKEYS: PodkeysBinding } }>()
  .post("/probe/verify", async (c) => {
    const { key, clientAddress } = await c.req.json<{ key: unknown; clientAddress?: string }>();
    const options = clientAddress === undefined ? undefined : { clientAddress };
    return c.json(await settle(c.env.PODKEYS.verify(key as string, options)));
  })
  .get("/probe/verify-request", async (c) => c.json(await settle(c.env.PODKEYS.verifyRequest(c.req.raw.headers))))
  // HTTP through the same binding: Podkeys' own POST /api/keys/verify, as a Worker without RPC would call it.
  .post("/probe/verify-http", async (c) => {
    const address = c.req.header("x-podkeys-client-address");
    const forged = c.req.header("cf-connecting-ip");
    const response = await c.env.PODKEYS.fetch("https://podkeys.internal/api/keys/verify", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(address ? { "x-podkeys-client-address": address } : {}),
        ...(forged ? { "cf-connecting-ip": forged } : {}),
      },
      body: await c.req.text(),
    });
    return c.json({ status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() });
  });

async function settle(call: Promise<unknown>) {
  try {
    return { answer: await call };
  } catch (error) {
    const { name, message, code, retryAfter } = error as Error & { code?: unknown; retryAfter?: unknown };
    return { thrown: { name, message, code, retryAfter, isError: error instanceof Error } };
  }
}

export default new Hono().route("/", probes).route("/", podcastApi);
