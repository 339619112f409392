// The stand-in Pinepods server (pinepods-origin.js) on a real port, for the browser suite and for
// checks against `npm start`:
//   node test/gateway/serve-origin.mjs [port=8040]
// then ORIGIN_URL="http://127.0.0.1:8040" in .dev.vars. GET /__received shows what it received.
import { pathToFileURL } from "node:url";
import { WebSocketServer } from "ws";
import { serveWorker } from "../stand-ins/serve.mjs";
import origin, { ownAddress, record, webSocketAccess, webSocketReply } from "./pinepods-origin.js";

/** Serves the stand-in on 127.0.0.1:`port` (0: any free port); resolves to its URL and a stop function. */
export function serveOrigin(port = 0) {
  // The HTTP side is the shared Node → Worker bridge; only the WebSockets are the Pinepods stand-in's own.
  return serveWorker(origin, port, (server) => {
    // The WebSockets (/ws/api/tasks/{id}, /ws/api/data/episodes/{id}): the same checks and replies as the Worker stand-in.
    const sockets = new WebSocketServer({ noServer: true });
    server.on("upgrade", (req, socket, head) => {
      const url = new URL(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`);
      // Recorded like every other request (GET /__received shows it).
      record(new Request(url, { headers: Object.entries(req.headers).map(([name, value]) => [name, String(value)]) }), url, null);
      const access = webSocketAccess(url);
      if (!access.user) {
        socket.end(`HTTP/1.1 ${access.status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      const address = ownAddress(new Request(url, { headers: { host: req.headers.host ?? url.host } }), url);
      sockets.handleUpgrade(req, socket, head, (ws) => {
        ws.on("message", (data) => ws.send(webSocketReply(data.toString(), access.user, address)));
      });
    });
    return () => {
      for (const client of sockets.clients) client.terminate();
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await serveOrigin(Number(process.argv[2] ?? process.env.PORT ?? 8040));
  console.log(`Stand-in Pinepods server on ${url}`);
}
