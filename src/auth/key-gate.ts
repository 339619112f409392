import { getPath } from "hono/utils/url";
import type { Env } from "../env";
import { verifyKey, type WaitUntil } from "../keys/verify-key";
import { errorBody } from "../lib/errors";
import { meBody } from "../me/me-body";
import { readPresentedKey } from "./key-header";
import { INVALID_KEY_MESSAGE } from "./middleware";

/**
 * The hot path, ahead of the router: `GET /api/me` with an API key — the request a program makes to
 * check its key — is answered here, top to bottom:
 *   key header → format and checksum (malformed: 401, no I/O) → verifyKey (SHA-256, at most one
 *   D1 read, or the optional cache) → 200 with the caller, or 401.
 * Why not through Hono: `npm run bench` showed the router and the /api/* middleware chain costing
 * more CPU than the key check itself whenever no D1 query is made (a malformed key, a cache hit).
 * The answers are the app's own: the same body (meBody), error shape and headers.
 * Everything else — /api/me with a session cookie, a malformed key header — goes to the app.
 */
const ME_PATH = "/api/me";
const JSON_NO_STORE = { "content-type": "application/json", "cache-control": "no-store" };
const INVALID_KEY_BODY = JSON.stringify(errorBody("INVALID_KEY", INVALID_KEY_MESSAGE));

export function keyGate(request: Request, env: Env, ctx: WaitUntil): Promise<Response> | undefined {
  if (request.method !== "GET" || getPath(request) !== ME_PATH) return undefined;
  let key: string | undefined;
  try {
    key = readPresentedKey(request.headers);
  } catch {
    return undefined; // an unreadable header: the app refuses it, with the reason
  }
  return key === undefined ? undefined : answerMe(env, ctx, key);
}

async function answerMe(env: Env, ctx: WaitUntil, key: string): Promise<Response> {
  const check = await verifyKey(env, ctx, key);
  if (!check.valid) return new Response(INVALID_KEY_BODY, { status: 401, headers: JSON_NO_STORE });
  const { keyId, keyName, user } = check.key;
  const body = meBody({ via: "apiKey", user, key: { id: keyId, name: keyName } });
  return new Response(JSON.stringify(body), { headers: JSON_NO_STORE });
}
