import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { READ_KEY_NAME } from "./global-setup";
import { EXAMPLES, run } from "./run";

const { origin, key, revokedKey } = inject("podkeys");
const BIN = join(import.meta.dirname, "../../node_modules/.bin");
const clientTs = (apiKey: string) => run(join(BIN, "tsx"), [join(EXAMPLES, "client.ts")], { PODKEYS_URL: origin, PODKEYS_KEY: apiKey });

// client.ts is type-checked against these types by `npm run typecheck` (docs/examples/tsconfig.json).
describe("docs/examples/client.ts (openapi-fetch)", () => {
  it("uses types that are exactly what openapi-typescript makes of the running server's document", async () => {
    // The command the comment in client.ts gives, against the live Worker. After an API change:
    // `npx vitest run -c vitest.ui.config.ts --project examples -u` rewrites the file; review its diff.
    const { code, stdout, stderr } = await run(join(BIN, "openapi-typescript"), [`${origin}/api/openapi.json`]);
    expect(code, stderr).toBe(0);
    await expect(stdout).toMatchFileSnapshot(join(EXAMPLES, "podkeys-api.d.ts"));
  });

  it("names the key's owner, lists their keys and verifies the key", async () => {
    const { code, stdout, stderr } = await clientTs(key);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([
      `Key "${READ_KEY_NAME}" belongs to alice (user).`,
      expect.stringMatching(new RegExp(`^- ${READ_KEY_NAME} podk_…[0-9A-Za-z]{4} \\(read\\)$`)),
      expect.stringMatching(/^Valid: key \d+ of alice, scope read\.$/),
    ]);
    expect(stdout).not.toContain(key);
  });

  it("exits 1 with Podkeys' error code for a revoked key", async () => {
    const { code, stdout, stderr } = await clientTs(revokedKey);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("Podkeys refused the key: INVALID_KEY");
  });
});
