// `npm run build:ui`: Vite builds src/ui into public/, then the UI's JavaScript is weighed as a
// browser downloads it (gzipped). The budget counts the INITIAL chunk: what index.html loads before the
// first paint (its module script and the chunks it preloads). What the page loads later with a dynamic
// import() — the create dialog with its access fields, the key details with the usage chart, the QR code
// encoder, the recovery codes — is its own chunk, weighed and printed but not counted. The build fails
// past the budget, so a heavy dependency cannot slip into the first paint.
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

const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const weigh = (pattern) =>
  files(OUT_DIR)
    .filter((file) => pattern.test(file))
    .reduce((total, file) => total + gzipped(file), 0);

// The files index.html names: <script type="module" src> and <link rel="modulepreload" href>, as
// /podkeys/assets/… (the base), i.e. relative to public/.
const html = readFileSync(join(OUT_DIR, "index.html"), "utf8");
const initialFiles = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.m?js)"/g)].map(
  ([, path]) => join("public", path),
);
if (initialFiles.length === 0) throw new Error("index.html names no JavaScript: the initial chunk cannot be weighed.");
const initial = initialFiles.reduce((total, file) => total + gzipped(file), 0);
const js = weigh(/\.m?js$/);
const css = weigh(/\.css$/);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `UI JavaScript: initial chunk ${kb(initial)} gzipped (budget ${kb(BUDGET_BYTES)}), ${kb(js - initial)} more loaded on demand, ${kb(js)} in all; CSS: ${kb(css)} gzipped.`,
);
if (initial > BUDGET_BYTES) {
  console.error(`The UI's initial JavaScript is over its ${kb(BUDGET_BYTES)} gzipped budget.`);
  process.exit(1);
}
