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
        bindings: { TEST_MIGRATIONS: await readD1Migrations("./drizzle"), SETUP_TOKEN: "test-setup-token" },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // Those run in Node, against a real `wrangler dev` (vitest.ui.config.ts).
    exclude: ["test/e2e/**", "test/examples/**"],
    setupFiles: ["./test/apply-migrations.ts"],
  },
}));
