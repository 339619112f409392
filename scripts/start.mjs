// `npm start`: everything a fresh clone needs to serve Podkeys locally, in order.
// 1. a .dev.vars with a random SETUP_TOKEN and VAULT_KEY (each kept if it exists), 2. local D1 migrated,
// 3. the UI built, 4. `wrangler dev` on PORT (default 8787); the one-time setup link is printed only
//    while the running Worker says setup is still needed (GET /api/setup), never after.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const port = process.env.PORT || "8787";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** A secret from .dev.vars, or a new random one appended to it (the file is created mode 600). */
function devVar(name) {
  const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const match = new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?`, "m").exec(existing);
  if (match) return match[1];
  const value = randomBytes(32).toString("base64url");
  writeFileSync(".dev.vars", `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${name}="${value}"\n`, { mode: 0o600 });
  console.log(`Added a new ${name} to .dev.vars.`);
  return value;
}

const token = devVar("SETUP_TOKEN");
devVar("VAULT_KEY"); // encrypts two-factor secrets at rest (src/lib/vault.ts)
// CI=true: wrangler would otherwise stop to ask before applying migrations to the *local* database.
run("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { CI: "true" });
if (process.argv.includes("--build")) run("npm", ["run", "build:ui"]);

const base = `http://localhost:${port}`;
// With ORIGIN_URL set the Worker's own URL is the household's one address for Pinepods; the settings page
// is always at /podkeys/ (src/routes/gateway/web-app.ts).
const gatewayOn = /^ORIGIN_URL\s*=\s*"?[^"\s]/m.test(existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "");
if (gatewayOn) console.log(`\nPinepods through Podkeys: ${base}/\nPodkeys' settings: ${base}/podkeys/\n`);
else console.log(`\nPodkeys' settings: ${base}/podkeys/ (and ${base}/)\n`);

const dev = spawn("wrangler", ["dev", "--port", port, ...process.argv.slice(2).filter((a) => a !== "--build")], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

// The setup link carries the token: print it only while the Worker itself says setup is needed.
for (let tries = 0; tries < 120; tries++) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    const response = await fetch(`${base}/api/setup`);
    if (!response.ok) continue;
    const { needed } = await response.json();
    if (needed) console.log(`\nFirst run? Create the admin account at ${base}/podkeys/setup?token=${token}\n`);
    break;
  } catch {
    // not listening yet
  }
}
