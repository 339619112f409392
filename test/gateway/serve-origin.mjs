// The stand-in Pinepods server (pinepods-origin.js) on a real port, for the browser suite and for
// checks against `npm start`:
//   node test/gateway/serve-origin.mjs [port=8040]
// then ORIGIN_URL="http://127.0.0.1:8040" in .dev.vars. GET /__received shows what it received.
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { WebSocketServer } from "ws";
import origin, { ownAddress, record, webSocketAccess, webSocketReply } from "./pinepods-origin.js";

/** Serves the stand-in on 127.0.0.1:`port` (0: any free port); resolves to its URL and a stop function. */
export function serveOrigin(port = 0) {
  const server = createServer(async (req, res) => {
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value ?? ""]],
      ),
      body: hasBody ? Readable.toWeb(req) : undefined,
      duplex: "half",
    });
    try {
      const response = await origin.fetch(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body && req.method !== "HEAD") Readable.fromWeb(response.body).pipe(res);
      else res.end();
    } catch (error) {
      res.destroy(error);
    }
  });
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
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        stop: () => {
          for (const client of sockets.clients) client.terminate();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await serveOrigin(Number(process.argv[2] ?? process.env.PORT ?? 8040));
  console.log(`Stand-in Pinepods server on ${url}`);
}
