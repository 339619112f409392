import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { READ_KEY_NAME } from "./global-setup";
import { EXAMPLES, havePython, run } from "./run";

const { origin, key, revokedKey } = inject("podkeys");
const CONFIG = join(EXAMPLES, "home-assistant.yaml");

/** One update of the configured `rest` entities, by the stand-in for Home Assistant's runtime. */
async function update(apiKey: string) {
  const { code, stdout, stderr } = await run("python3", [join(import.meta.dirname, "home-assistant-rest.py"), CONFIG, origin], {
    PODKEYS_KEY: apiKey,
  });
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as { status: number; entities: Record<string, { state: string; attributes?: Record<string, any> }> };
}

describe("docs/examples/home-assistant.yaml", () => {
  it("asks GET /api/me with the key from secrets.yaml in Api-Key", () => {
    const secret = { tag: "!secret", resolve: (name: string) => `<secret ${name}>` };
    const [rest, ...others] = parse(readFileSync(CONFIG, "utf8"), { customTags: [secret] }).rest;
    expect(others).toEqual([]);
    expect(new URL(rest.resource).pathname).toBe("/api/me");
    expect(rest.method ?? "GET").toBe("GET");
    expect(rest.headers).toEqual({ "Api-Key": "<secret podkeys_api_key>" });
  });

  describe.skipIf(!havePython(["yaml", "jinja2"]))("rendered as Home Assistant renders it", () => {
    it("shows a valid key as valid, with its owner's username as the state and user and key as attributes", async () => {
      const { status, entities } = await update(key);
      expect(status).toBe(200);
      expect(entities).toEqual({
        "binary_sensor.podkeys_key_valid": { state: "on" },
        "sensor.podkeys_key_owner": {
          state: "alice",
          attributes: {
            user: { id: expect.any(Number), username: "alice", role: "user" },
            key: { id: expect.any(Number), name: READ_KEY_NAME, scope: "read" },
          },
        },
      });
    });

    it("shows a revoked key as not valid, with the reason as the owner sensor's state and no attributes", async () => {
      const { status, entities } = await update(revokedKey);
      expect(status).toBe(401);
      expect(entities).toEqual({
        "binary_sensor.podkeys_key_valid": { state: "off" },
        "sensor.podkeys_key_owner": { state: "INVALID_KEY", attributes: {} },
      });
    });
  });
});
