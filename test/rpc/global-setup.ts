import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

export interface RpcBundles {
  /** Podkeys as `wrangler deploy` would upload it. */
  podkeys: string;
  /** The calling Worker (test/rpc/consumer-worker.ts), bundled as its owner would: hono and `podkeys/hono` inside. */
  consumer: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    rpcBundles: RpcBundles;
  }
}

/** Builds both Workers once for every file of test/rpc/. */
export default async function buildBundles(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "podkeys-rpc-"));
  // wrangler wants the assets directory to exist; the UI build fills it, these tests need none of it.
  mkdirSync("public", { recursive: true });
  const wrangler = spawnSync("node_modules/.bin/wrangler", ["deploy", "--dry-run", "--outdir", dir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    encoding: "utf8",
  });
  if (wrangler.status !== 0) throw new Error(`wrangler build failed:\n${wrangler.stdout}\n${wrangler.stderr}`);

  const consumer = await build({
    entryPoints: ["test/rpc/consumer-worker.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    write: false,
  });
  project.provide("rpcBundles", { podkeys: readFileSync(join(dir, "index.js"), "utf8"), consumer: consumer.outputFiles[0]!.text });
  return () => rmSync(dir, { recursive: true, force: true });
}
