import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // The same SQL files wrangler applies (drizzle-kit's output), handed to the setup file.
        // vitest itself imports node: modules; the Worker does not need the flag.
        compatibilityFlags: ["nodejs_compat"],
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./drizzle"),
          SETUP_TOKEN: "test-setup-token",
          // The gateway is off unless a test turns it on (test/gateway/), whatever a local .dev.vars says.
          ORIGIN_URL: "",
          VAULT_KEY: "test-vault-key-0123456789abcdef0123456789abcdef",
        },
        // The Worker's outbound fetch (to ORIGIN_URL) reaches a stand-in Pinepods server (test/gateway/).
        workers: [
          { name: "pinepods-origin", modules: true, scriptPath: "./test/gateway/pinepods-origin.js", compatibilityDate: "2026-05-01" },
        ],
        outboundService: "pinepods-origin",
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // Those run in Node, against a real `wrangler dev` or the built bundle in Miniflare (vitest.ui.config.ts).
    exclude: ["test/e2e/**", "test/examples/**", "test/rpc/**", "test/layout/**"],
    // log-capture: every file's console output is checked for anything shaped like a secret.
    setupFiles: ["./test/apply-migrations.ts", "./test/security/log-capture.ts"],
    // The Worker writes one log line per request; show them only for tests that fail.
    silent: "passed-only",
  },
}));
