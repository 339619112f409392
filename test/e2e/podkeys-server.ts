import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SETUP_TOKEN = "e2e-setup-token-0123456789";
/** Seals two-factor secrets in the e2e server's D1 (src/lib/vault.ts). */
const VAULT_KEY = "e2e-vault-key-0123456789abcdef0123456789";
const WRANGLER = "node_modules/.bin/wrangler";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };

export interface Podkeys {
  origin: string;
  /** Runs SQL against the server's own local D1, for states no API can make (a key last used months ago). */
  sql: (command: string) => void;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `wrangler d1 <args> DB` against the local D1 kept in `state`. */
function d1(state: string, ...args: string[]) {
  const run = spawnSync(WRANGLER, ["d1", ...args, "DB", "--local", "--persist-to", state], {
    // CI=true: wrangler would otherwise ask before applying migrations.
    env: { ...env, CI: "true" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`wrangler d1 ${args[0]} failed:\n${run.stdout}\n${run.stderr}`);
}

/** A fresh local D1 with every migration applied, as production is migrated. */
export function migratedDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "podkeys-e2e-template-"));
  d1(dir, "migrations", "apply");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A real `wrangler dev` of this Worker, as `npm start` runs it: the built UI from public/ through the
 * assets binding, the Worker on /api/*, and a fresh local D1 of its own — a copy of `template`
 * (already migrated), or migrated here.
 */
export async function startPodkeys(template?: string, vars: Record<string, string> = {}): Promise<Podkeys> {
  const state = mkdtempSync(join(tmpdir(), "podkeys-e2e-"));
  // wrangler refuses to start without the assets directory, and suites that need no UI need no UI build.
  mkdirSync("public", { recursive: true });
  if (template) cpSync(template, state, { recursive: true });
  else d1(state, "migrations", "apply");
  const sql = (command: string) => d1(state, "execute", "--command", command);

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort)];
  args.push(
    "--persist-to",
    state,
    "--var",
    `SETUP_TOKEN:${SETUP_TOKEN}`,
    "--var",
    `VAULT_KEY:${VAULT_KEY}`,
    "--show-interactive-dev-session=false",
  );
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  // Its own process group, so stopping it also stops the workerd it starts.
  const dev = spawn(WRANGLER, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  dev.stdout!.on("data", (chunk) => (output += chunk));
  dev.stderr!.on("data", (chunk) => (output += chunk));

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(dev);
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(origin, dev);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- wrangler dev said:\n${output}`);
  }
  return { origin, sql, stop };
}

async function waitUntilUp(origin: string, dev: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited with ${dev.exitCode}`);
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("wrangler dev did not answer /healthz within 60 s");
}

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timeout = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  }, 5_000);
  await exited;
  clearTimeout(timeout);
}
