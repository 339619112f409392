import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./run";

const ROOT = join(EXAMPLES, "../..");
const page = readFileSync(join(ROOT, "docs/integrations.md"), "utf8");
// Generated or tooling only: the page says how to make them rather than showing them.
const NOT_SHOWN = new Set(["podkeys-api.d.ts", "tsconfig.json"]);
const shown = readdirSync(EXAMPLES, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && !NOT_SHOWN.has(entry.name))
  .map((entry) => relative(EXAMPLES, join(entry.parentPath, entry.name)));

describe("docs/integrations.md", () => {
  it.each(shown)("shows %s verbatim, as one code block, under its file name", (file) => {
    const content = readFileSync(join(EXAMPLES, file), "utf8");
    const start = page.indexOf(content);
    expect(start, "not on the page verbatim").toBeGreaterThan(-1);
    expect(page.slice(0, start)).toMatch(/\n```[a-z]*\n$/);
    expect(page.slice(start + content.length)).toMatch(/^```\n/);
    expect(page).toContain(`(examples/${file})`);
  });

  it("is linked from the README", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("(docs/integrations.md)");
  });
});
