import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The settings UI: src/ui → public/podkeys/index.html and public/podkeys/assets/, which wrangler serves
// through the ASSETS binding beside the committed static files of public/ (favicon, robots.txt, _headers).
// It lives at /podkeys/ (`base`), so `/` can be Pinepods' web app when the gateway is on (src/gateway/web-app.ts).
export default defineConfig({
  root: "src/ui",
  base: "/podkeys/",
  plugins: [preact()],
  // The static files live in public/ itself, not copied from a second folder.
  publicDir: false,
  build: {
    outDir: "../../public/podkeys",
    // public/ also holds committed files: scripts/build-ui.mjs removes only the previous build.
    emptyOutDir: false,
    target: "es2022",
    // No data: URIs and no inline code: a later `script-src 'self'` policy must need no exceptions.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
