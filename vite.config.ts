import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The settings UI: src/ui → public/, which wrangler serves through the ASSETS binding.
export default defineConfig({
  root: "src/ui",
  plugins: [preact()],
  build: {
    outDir: "../../public",
    emptyOutDir: true,
    target: "es2022",
    // No data: URIs and no inline code: a later `script-src 'self'` policy must need no exceptions.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
