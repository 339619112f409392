// A stand-in Worker (a module with a default `fetch(request)`) on a real port, for the browser suite and
// for checks against `npm start`:
//   node test/stand-ins/serve.mjs ntfy [port=8041]          a local ntfy: NOTIFY_ALLOWED_HOSTS="ntfy.sh,http://127.0.0.1:8041"
//   node test/stand-ins/serve.mjs github-keys [port=8042]   GitHub's key server: GITHUB_SCANNING_KEYS_URL="http://127.0.0.1:8042/keys"
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";

/**
 * Serves the stand-in on 127.0.0.1:`port` (0: any free port); resolves to its URL and a stop function.
 * `attach(server)` may add to the Node server (the Pinepods stand-in's WebSockets) and return what stop must end first.
 */
export function serveWorker(worker, port = 0, attach) {
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
      const response = await worker.fetch(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body && req.method !== "HEAD") Readable.fromWeb(response.body).pipe(res);
      else res.end();
    } catch (error) {
      res.destroy(error);
    }
  });
  const detach = attach?.(server);
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        stop: () => {
          detach?.();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const name = process.argv[2];
  const ports = { ntfy: 8041, "github-keys": 8042 };
  if (!(name in ports)) throw new Error("usage: node test/stand-ins/serve.mjs ntfy|github-keys [port]");
  const { default: worker } = await import(`./${name}.js`);
  const { url } = await serveWorker(worker, Number(process.argv[3] ?? ports[name]));
  console.log(`Stand-in ${name} on ${url}`);
}
