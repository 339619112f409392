// `npm run lint:openapi`: the OpenAPI document as the built Worker serves it (dist/index.js, in workerd
// through Miniflare's API), checked by redocly against its recommended rules (redocly.yaml).
// Any error fails the run. Expects `npm run build` to have run (the npm script does it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";

const config = unstable_readConfig({ config: "wrangler.toml" });
const mf = new Miniflare({
  modules: true,
  scriptPath: "dist/index.js",
  compatibilityDate: config.compatibility_date,
  compatibilityFlags: config.compatibility_flags,
  bindings: config.vars,
  d1Databases: { DB: "openapi-lint" },
  handleRuntimeStdio: (stdout, stderr) => {
    stdout.resume();
    stderr.pipe(process.stderr);
  },
});
let document;
try {
  // A deployment's origin, not localhost: the document names the origin that served it as its server.
  const response = await mf.dispatchFetch("https://podkeys.test/api/openapi.json");
  if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
  document = await response.text();
} finally {
  await mf.dispose();
}

const file = join(mkdtempSync(join(tmpdir(), "podkeys-openapi-")), "openapi.json");
writeFileSync(file, document);
// No telemetry or update check: the run must not depend on the network.
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
const lint = spawnSync("npx", ["redocly", "lint", file, "--config", "redocly.yaml"], { stdio: "inherit", env });
process.exit(lint.status ?? 1);
