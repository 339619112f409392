import { type Rewrites, rewriteText } from "./rewrite-answer";

/**
 * Pinepods' live updates (`/ws/api/tasks/{id}`, `/ws/api/data/episodes/{id}`) through the door.
 *
 * Why a bridge (a WebSocketPair the Worker holds between client and origin) rather than handing the
 * origin's `webSocket` straight back: the Worker keeps a handle on both ends, so it can
 *   - end the connection when the key stops being valid: every `recheckMs` the key (and the owner's
 *     link) are checked again, and a deleted, disabled or expired key, or an unlinked owner, closes
 *     both ends with 1008 (policy violation). The bound: at most `recheckMs` (plus the key cache's
 *     TTL when KEY_CACHE_TTL_SECONDS > 0) after the change, an open connection is closed.
 *   - rewrite the origin's text frames like its HTTP answers (rewrite-answer.ts): no origin key or
 *     address reaches the client in a frame either.
 * The cost is one hop through the Worker per frame (measured in `npm run bench`).
 * The key was checked before this is called: a missing or bad key never gets here, and the origin
 * never sees the upgrade.
 */
export interface WebSocketBridge {
  /** The origin's answer to the upgrade request (fetched with Upgrade: websocket). */
  originAnswer: Response;
  rewrites: Rewrites;
  recheckMs: number;
  /** Resolves false once the key may no longer be used; a rejection (D1 down) also closes, failing closed. */
  stillAllowed: () => Promise<boolean>;
}

const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
/** 1005/1006 are observed, never sent (RFC 6455 §7.4.1): a peer that vanished is passed on as a normal close. */
const sendable = (code: number) =>
  code === 1000 || (code >= 3000 && code <= 4999) || (code >= 1001 && code <= 1014 && code !== 1005 && code !== 1006) ? code : 1000;

/** The 101 answer for the client, or undefined when the origin refused the upgrade (its answer is then passed on). */
export function bridgeWebSocket({ originAnswer, rewrites, recheckMs, stillAllowed }: WebSocketBridge): Response | undefined {
  const origin = originAnswer.webSocket;
  if (!origin) return undefined;
  const [client, edge] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  origin.accept();
  edge.accept();

  let open = true;
  let timer: ReturnType<typeof setInterval> | undefined;
  const closeBoth = (code: number, reason: string) => {
    if (!open) return;
    open = false;
    if (timer !== undefined) clearInterval(timer);
    for (const socket of [edge, origin]) {
      try {
        socket.close(sendable(code), reason);
      } catch {
        // Already closed from its side.
      }
    }
  };

  edge.addEventListener("message", (event) => {
    if (open) origin.send(event.data);
  });
  origin.addEventListener("message", (event) => {
    if (open) edge.send(typeof event.data === "string" ? rewriteText(event.data, rewrites) : event.data);
  });
  edge.addEventListener("close", (event) => closeBoth(event.code, event.reason));
  origin.addEventListener("close", (event) => closeBoth(event.code, rewriteText(event.reason, rewrites)));
  edge.addEventListener("error", () => closeBoth(INTERNAL_ERROR, "Connection error"));
  origin.addEventListener("error", () => closeBoth(INTERNAL_ERROR, "The podcast server's connection failed"));

  timer = setInterval(() => {
    stillAllowed().then(
      (allowed) => allowed || closeBoth(POLICY_VIOLATION, "The API key is no longer valid"),
      () => closeBoth(INTERNAL_ERROR, "The API key could not be checked"),
    );
  }, recheckMs);

  return new Response(null, { status: 101, webSocket: client });
}
