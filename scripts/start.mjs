// `npm start`: everything a fresh clone needs to serve Podkeys locally, in order.
// 1. a .dev.vars with a random SETUP_TOKEN and VAULT_KEY (kept if they exist), 2. local D1 migrated,
// 3. the UI built, 4. `wrangler dev` on PORT (default 8787), with the one-time setup link printed.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const port = process.env.PORT || "8787";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The value of NAME in .dev.vars, added (random, `bytes` long) when missing; other lines are kept. */
function devVar(name, bytes) {
  const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  const match = new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?`, "m").exec(existing);
  if (match) return match[1];
  const value = randomBytes(bytes).toString("base64url");
  writeFileSync(".dev.vars", `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${name}="${value}"\n`, { mode: 0o600 });
  console.log(`Added a new ${name} to .dev.vars.`);
  return value;
}

const token = devVar("SETUP_TOKEN", 24);
// AES-256 key sealing Pinepods credentials at rest (src/lib/vault.ts); ORIGIN_URL may go in .dev.vars too.
devVar("VAULT_KEY", 32);
// CI=true: wrangler would otherwise stop to ask before applying migrations to the *local* database.
run("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { CI: "true" });
if (process.argv.includes("--build")) run("npm", ["run", "build:ui"]);

console.log(`\nPodkeys: http://localhost:${port}`);
console.log(`First run? Create the admin account at http://localhost:${port}/setup?token=${token}\n`);

const dev = spawn("wrangler", ["dev", "--port", port, ...process.argv.slice(2).filter((a) => a !== "--build")], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
