import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";

/**
 * hono/client serialises cookies only for its `cookie` option, which the page never uses (the browser
 * sends the session cookie itself); without this, Hono's whole cookie module (~0.5 KB gzipped) counts
 * against the UI's JavaScript budget. A call with that option would throw, not silently drop it.
 */
function honoClientWithoutCookies(): Plugin {
  const stub = "\0hono-client-cookie";
  return {
    name: "hono-client-without-cookies",
    enforce: "pre",
    resolveId: (source, importer) => (source === "../utils/cookie.js" && importer?.includes("/hono/dist/client/") ? stub : undefined),
    load: (id) =>
      id === stub
        ? 'export const serialize = () => { throw new Error("hc: the cookie option is not supported in the settings page"); };'
        : undefined,
  };
}

// The settings UI: src/ui → public/podkeys/index.html and public/podkeys/assets/, which wrangler serves
// through the ASSETS binding beside the committed static files of public/ (favicon, robots.txt, _headers).
// It lives at /podkeys/ (`base`), so `/` can be Pinepods' web app when the gateway is on (src/gateway/web-app.ts).
export default defineConfig({
  root: "src/ui",
  base: "/podkeys/",
  plugins: [preact(), honoClientWithoutCookies()],
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
