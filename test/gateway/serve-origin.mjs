// The stand-in Pinepods server (pinepods-origin.js) on a real port, for checks against `npm start`:
//   node test/gateway/serve-origin.mjs [port=8040]
// then ORIGIN_URL="http://127.0.0.1:8040" in .dev.vars. GET /__received shows what it received.
import { createServer } from "node:http";
import { Readable } from "node:stream";
import origin from "./pinepods-origin.js";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8040);

createServer(async (req, res) => {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? `127.0.0.1:${port}`}${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value ?? ""]])),
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
}).listen(port, "127.0.0.1", () => console.log(`Stand-in Pinepods server on http://127.0.0.1:${port}`));
