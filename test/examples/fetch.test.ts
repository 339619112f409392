import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { READ_KEY_NAME } from "./global-setup";
import { EXAMPLES, run } from "./run";

const { origin, key, revokedKey } = inject("podkeys");
const fetchMjs = (apiKey: string) => run(process.execPath, [join(EXAMPLES, "fetch.mjs")], { PODKEYS_URL: origin, PODKEYS_KEY: apiKey });

describe("docs/examples/fetch.mjs", () => {
  it("names the key's owner and lists their keys by name and hint", async () => {
    const { code, stdout, stderr } = await fetchMjs(key);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe(`Key "${READ_KEY_NAME}" (read) belongs to alice.`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^- ${READ_KEY_NAME} podk_…[0-9A-Za-z]{4}, last used (never|\\d{4}-)`)),
    ]);
    expect(stdout).not.toContain(key);
  });

  it("exits 1 with Podkeys' error code for a revoked key", async () => {
    const { code, stdout, stderr } = await fetchMjs(revokedKey);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toMatch(/^Podkeys refused the key: 401 INVALID_KEY: /);
  });
});
