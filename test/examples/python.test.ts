import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { READ_KEY_NAME } from "./global-setup";
import { EXAMPLES, havePython, run } from "./run";

const { origin, key, revokedKey } = inject("podkeys");
const checkKey = (apiKey: string) => run("python3", [join(EXAMPLES, "check_key.py")], { PODKEYS_URL: origin, PODKEYS_KEY: apiKey });

describe.skipIf(!havePython(["requests"]))("docs/examples/check_key.py (requests)", () => {
  it("names the key's owner, then verifies the key as a service would", async () => {
    const { code, stdout, stderr } = await checkKey(key);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([
      `Key "${READ_KEY_NAME}" belongs to alice (user).`,
      expect.stringMatching(/^Valid: key \d+, scope read, expires never\.$/),
    ]);
    expect(stdout).not.toContain(key);
  });

  it("exits 1 with Podkeys' error code for a revoked key", async () => {
    const { code, stdout, stderr } = await checkKey(revokedKey);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("Podkeys refused the key: INVALID_KEY");
  });
});
