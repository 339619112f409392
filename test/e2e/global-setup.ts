import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH, haveChromium } from "./chromium";
import { migratedDatabase } from "./podkeys-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A local D1 with every migration applied, which each test file's server starts from a copy of. */
    d1Template: string;
  }
}

/**
 * Migrates one local D1 for the whole run (wrangler takes seconds to start, per file that adds up),
 * and says loudly when the browser tests cannot run, refusing to pass quietly in CI.
 */
export default function setup(project: TestProject) {
  if (!haveChromium) return checkChromium();
  const template = migratedDatabase();
  project.provide("d1Template", template.dir);
  return template.remove;
}

function checkChromium() {
  const inCi = process.env.CI === "true";
  const message = [
    "",
    "!".repeat(72),
    `!! END-TO-END TESTS ${inCi ? "CANNOT RUN (and CI=true fails them)" : "SKIPPED"}: no Chromium at ${CHROMIUM_PATH}.`,
    "!! Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).",
    "!".repeat(72),
    "",
  ].join("\n");
  if (inCi) throw new Error(message);
  console.warn(message);
}
