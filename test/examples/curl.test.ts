import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { READ_KEY_NAME } from "./global-setup";
import { EXAMPLES, run } from "./run";

const { origin, key, revokedKey } = inject("podkeys");
const curlSh = (apiKey: string) => run("sh", [join(EXAMPLES, "curl.sh")], { PODKEYS_URL: origin, PODKEYS_KEY: apiKey });

describe("docs/examples/curl.sh", () => {
  it("shows the key's owner, their keys, the Pinepods check and the service check, each as Podkeys answers", async () => {
    const { code, stdout, stderr } = await curlSh(key);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [me, list, pinepods, verify] = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(me).toMatchObject({ user: { username: "alice", role: "user" }, via: "apiKey", key: { name: READ_KEY_NAME, scope: "read" } });
    expect(list.keys.map((k: { name: string }) => k.name)).toEqual([READ_KEY_NAME]);
    expect(pinepods).toEqual({ status: "success" });
    expect(verify).toMatchObject({ valid: true, keyId: me.key.id, scope: "read", user: { username: "alice" } });
  });

  it("stops at the first call with curl's failure code and Podkeys' error for a revoked key", async () => {
    const { code, stdout } = await curlSh(revokedKey);
    expect(code).toBe(22); // curl --fail-with-body: HTTP status >= 400
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: "INVALID_KEY" } });
  });

  it("never echoes the key", async () => {
    const { stdout, stderr } = await curlSh(key);
    expect(stdout + stderr).not.toContain(key);
  });
});
