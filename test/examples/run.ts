import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const EXAMPLES = resolve(import.meta.dirname, "../../docs/examples");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs an example as its user would, with PODKEYS_URL / PODKEYS_KEY (or other) variables; never throws on exit codes. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(command, args, { env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") fail(error);
      else done({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

/**
 * Whether python3 can import these modules. Without them the Python examples are skipped, loudly —
 * and when CI=true they fail instead, so a CI machine cannot pass without running them.
 */
export function havePython(modules: string[]): boolean {
  const probe = spawnSync("python3", ["-c", modules.map((m) => `import ${m}`).join("; ")], { encoding: "utf8" });
  if (probe.status === 0) return true;
  const problem = probe.error ? "no python3 on PATH" : probe.stderr.trim().split("\n").pop();
  const message = `PYTHON EXAMPLES ${process.env.CI === "true" ? "CANNOT RUN" : "SKIPPED"}: python3 with ${modules.join(", ")} is needed (${problem}).`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n${"!".repeat(72)}\n!! ${message}\n${"!".repeat(72)}\n`);
  return false;
}
