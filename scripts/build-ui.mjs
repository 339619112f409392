// `npm run build:ui`: Vite builds src/ui into public/, then the UI's JavaScript is weighed as a
// browser downloads it (gzipped). The build fails past the budget, so a heavy dependency cannot slip in.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const BUDGET_BYTES = 30 * 1024;
// The page is served at /podkeys/ (vite.config.ts `base`).
const OUT_DIR = "public/podkeys";

// Only the previous build goes: favicon.svg beside it, robots.txt and _headers in public/ are committed.
rmSync(join(OUT_DIR, "assets"), { recursive: true, force: true });
rmSync(join(OUT_DIR, "index.html"), { force: true });
// Where release 2 built it, before the page moved to /podkeys/.
rmSync("public/assets", { recursive: true, force: true });
rmSync("public/index.html", { force: true });
await build({ configFile: "vite.config.ts", logLevel: "warn" });

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const weigh = (pattern) =>
  files(OUT_DIR)
    .filter((file) => pattern.test(file))
    .reduce((total, file) => total + gzipSync(readFileSync(file), { level: 9 }).length, 0);

const js = weigh(/\.m?js$/);
const css = weigh(/\.css$/);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`UI JavaScript: ${kb(js)} gzipped (budget ${kb(BUDGET_BYTES)}); CSS: ${kb(css)} gzipped.`);
if (js > BUDGET_BYTES) {
  console.error(`The UI's JavaScript is over its ${kb(BUDGET_BYTES)} gzipped budget.`);
  process.exit(1);
}
