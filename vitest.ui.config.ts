import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

// The settings UI's tests, in Node rather than workerd: components in happy-dom, and the end-to-end
// suite driving Debian's Chromium against a real `wrangler dev` (each file starts its own).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [preact()],
        test: { name: "components", include: ["src/ui/**/*.test.tsx"], environment: "happy-dom" },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          // One Worker and one browser at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
