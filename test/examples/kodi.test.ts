import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { READ_KEY_NAME } from "./global-setup";
import { EXAMPLES, havePython, run } from "./run";

const { origin, key, revokedKey } = inject("podkeys");
const ADDON = join(EXAMPLES, "kodi/script.podkeys.check");

/** Runs the add-on's script as Kodi would, with stand-ins for Kodi's modules; returns the dialogs it showed. */
async function runAddon(settings: Record<string, string>) {
  const env = { PYTHONPATH: join(import.meta.dirname, "kodi-runtime"), KODI_SETTINGS: JSON.stringify(settings) };
  const { code, stdout, stderr } = await run("python3", [join(ADDON, "default.py")], env);
  expect(code, stderr).toBe(0);
  expect(stdout).not.toContain(key);
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("docs/examples/kodi", () => {
  it("reads exactly the settings that resources/settings.xml declares, from the script addon.xml names", () => {
    const script = readFileSync(join(ADDON, "default.py"), "utf8");
    const declared = [...readFileSync(join(ADDON, "resources/settings.xml"), "utf8").matchAll(/<setting id="([^"]+)"/g)].map((m) => m[1]);
    const read = [...script.matchAll(/getSetting\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(read.toSorted()).toEqual(declared.toSorted());
    expect(readFileSync(join(ADDON, "addon.xml"), "utf8")).toContain('library="default.py"');
  });

  describe.skipIf(!havePython([]))("default.py", () => {
    it("says whose key it is, then offers the owner's keys by name and hint", async () => {
      const dialogs = await runAddon({ server_url: origin, api_key: key });
      expect(dialogs).toEqual([
        { dialog: "notification", heading: "Podkeys", message: "Key of alice is valid", icon: "info" },
        {
          dialog: "select",
          heading: "Your Podkeys keys",
          items: [expect.stringMatching(new RegExp(`^${READ_KEY_NAME}  podk_…[0-9A-Za-z]{4}$`))],
        },
      ]);
    });

    it("says why a revoked key is refused", async () => {
      const dialogs = await runAddon({ server_url: origin, api_key: revokedKey });
      expect(dialogs).toEqual([{ dialog: "notification", heading: "Podkeys", message: "Key refused: INVALID_KEY", icon: "error" }]);
    });

    it("says so when the server cannot be reached", async () => {
      const dialogs = await runAddon({ server_url: "http://127.0.0.1:9", api_key: key });
      expect(dialogs).toEqual([
        { dialog: "notification", heading: "Podkeys", message: expect.stringMatching(/^Cannot reach the server: /), icon: "error" },
      ]);
    });
  });
});
