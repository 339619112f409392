import { execFile } from "node:child_process";
import { appendFile, cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";

// `npm run lint` runs dependency-cruiser with .dependency-cruiser.cjs over src/. This shows the rule
// bites: the same command over a copy of src/ passes, and over a copy with deliberate wrong-way
// imports added it fails, naming each one.

const root = resolve(import.meta.dirname, "../..");
const depcruise = join(root, "node_modules/.bin/depcruise");
const config = join(root, ".dependency-cruiser.cjs");
const copies: string[] = [];

async function copyOfSrc(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "podkeys-layers-"));
  copies.push(dir);
  await cp(join(root, "src"), join(dir, "src"), { recursive: true, filter: (path) => !path.includes("/src/ui") });
  await cp(join(root, "tsconfig.json"), join(dir, "tsconfig.json"));
  await symlink(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The lint's check, with its findings as JSON; `errors` > 0 is what makes `npm run lint` exit non-zero. */
async function cruise(dir: string): Promise<{ errors: number; violations: Violation[] }> {
  const { stdout } = await promisify(execFile)(depcruise, ["src", "--config", config, "--output-type", "json"], {
    cwd: dir,
    maxBuffer: 64 << 20,
  });
  const { summary } = JSON.parse(stdout);
  return { errors: summary.error, violations: summary.violations };
}

let clean: Awaited<ReturnType<typeof cruise>>;
let broken: Awaited<ReturnType<typeof cruise>>;

beforeAll(async () => {
  const [cleanDir, brokenDir] = await Promise.all([copyOfSrc(), copyOfSrc()]);
  // lib (the bottom) reaching a router: an upward import, and a cycle through it.
  await appendFile(join(brokenDir, "src/lib/errors.ts"), '\nimport "../routes/keys/keys.routes";\n');
  // A lower domain service using a higher one.
  await appendFile(join(brokenDir, "src/services/keys/key-cache.ts"), '\nimport "../auth/passwords";\n');
  // routes/keys already uses routes/me (the key gate answers GET /api/me): the way back closes a folder cycle.
  await appendFile(join(brokenDir, "src/routes/me/me.schemas.ts"), '\nimport "../keys/keys.routes";\n');
  [clean, broken] = await Promise.all([cruise(cleanDir), cruise(brokenDir)]);
}, 60_000);

afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

test("src/ as it is: no violation", () => {
  expect(clean.violations).toEqual([]);
  expect(clean.errors).toBe(0);
});

test("an upward import, a cycle, a higher domain and a folder cycle each fail the lint", () => {
  expect(broken.errors).toBeGreaterThan(0);
  const found = (name: string) => broken.violations.filter((violation) => violation.rule.name === name);
  expect(found("lib-imports-no-higher-layer")).toContainEqual(
    expect.objectContaining({ from: "src/lib/errors.ts", to: "src/routes/keys/keys.routes.ts" }),
  );
  expect(found("no-circular").length).toBeGreaterThan(0);
  expect(found("services-keys-imports-no-higher-domain")).toContainEqual(
    expect.objectContaining({ from: "src/services/keys/key-cache.ts", to: "src/services/auth/passwords.ts" }),
  );
  expect(found("no-folder-cycles").map((violation) => [violation.from, violation.to])).toContainEqual(["src/routes/me", "src/routes/keys"]);
});
