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
          // Stand-ins (test/stand-ins/): notifications may go to the local ntfy over http; alerts are signed by local keys.
          NOTIFY_ALLOWED_HOSTS: "ntfy.sh,http://ntfy.test",
          GITHUB_SCANNING_KEYS_URL: "http://github-keys.test/meta/public_keys/secret_scanning",
          GITLAB_REVOCATION_TOKEN: "test-gitlab-revocation-token",
        },
        // Every outbound fetch goes through a router to the stand-in for its host (test/stand-ins/outbound-router.js):
        // Pinepods (ORIGIN_URL, test/gateway/), ntfy (ntfy.test) and GitHub's scanning key server (github-keys.test).
        workers: [
          {
            name: "outbound-router",
            modules: true,
            scriptPath: "./test/stand-ins/outbound-router.js",
            compatibilityDate: "2026-05-01",
            serviceBindings: { PINEPODS: "pinepods-origin", NTFY: "ntfy", GITHUB_KEYS: "github-keys" },
          },
          { name: "pinepods-origin", modules: true, scriptPath: "./test/gateway/pinepods-origin.js", compatibilityDate: "2026-05-01" },
          { name: "ntfy", modules: true, scriptPath: "./test/stand-ins/ntfy.js", compatibilityDate: "2026-05-01" },
          { name: "github-keys", modules: true, scriptPath: "./test/stand-ins/github-keys.js", compatibilityDate: "2026-05-01" },
        ],
        outboundService: "outbound-router",
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
