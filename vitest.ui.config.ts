import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

// The tests that run in Node rather than workerd: the settings UI's components in happy-dom, the
// import rule of `npm run lint` run on copies of src/, the end-to-end suite driving Debian's Chromium against a real `wrangler dev` (each file starts its own),
// and the integration examples of docs/examples, run for real against one `wrangler dev` of their own.
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
      {
        test: {
          // Another Worker calling Podkeys over a service binding: the built bundle and a consumer Worker in Miniflare.
          name: "rpc",
          include: ["test/rpc/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/rpc/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        // npm run lint's import rule (.dependency-cruiser.cjs) fails on an upward import or a cycle.
        test: { name: "layout", include: ["test/layout/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        test: {
          name: "examples",
          include: ["test/examples/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/examples/global-setup.ts"],
          // Its files share one `wrangler dev` (started by the global setup) and run beside the component
          // tests; vitest runs the e2e files, one at a time, after both.
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
