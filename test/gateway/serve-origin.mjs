// The stand-in Pinepods server (pinepods-origin.js) on a real port, for the browser suite and for
// checks against `npm start`:
//   node test/gateway/serve-origin.mjs [port=8040]
// then ORIGIN_URL="http://127.0.0.1:8040" in .dev.vars. GET /__received shows what it received.
import { pathToFileURL } from "node:url";
import { serveWorker } from "../stand-ins/serve.mjs";
import origin from "./pinepods-origin.js";

/** Serves the stand-in on 127.0.0.1:`port` (0: any free port); resolves to its URL and a stop function. */
export function serveOrigin(port = 0) {
  return serveWorker(origin, port);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await serveOrigin(Number(process.argv[2] ?? process.env.PORT ?? 8040));
  console.log(`Stand-in Pinepods server on ${url}`);
}
