// The layers of src/ and the one rule between them: imports run downwards only (README "Layout").
// `npm run lint` runs `depcruise src --config .dependency-cruiser.cjs`; test/layout/layers.test.ts shows
// that an upward import or a cycle makes it fail.

/** Top to bottom. A layer may import itself and any layer below it, never one above. */
const LAYERS = [
  { name: "entry", path: "^src/(index|fetch-handler|app)\\.ts$|^src/(rpc|maintenance)/" },
  { name: "routes", path: "^src/routes/" },
  { name: "http", path: "^src/http/" },
  { name: "services", path: "^src/services/" },
  { name: "platform", path: "^src/platform/" },
  { name: "identity", path: "^src/identity/" },
  { name: "db", path: "^src/db/" },
  { name: "lib", path: "^src/lib/" },
];

/** The domain services, top to bottom: a domain may use the ones below it, never one above. */
const SERVICES = ["pinepods", "gateway", "auth", "leaks", "keys", "users", "audit", "notifications"];

const upward = LAYERS.slice(1).map((layer, index) => ({
  name: `${layer.name}-imports-no-higher-layer`,
  comment: `${layer.name} may not import ${LAYERS.slice(0, index + 1)
    .map((above) => above.name)
    .join(", ")} (imports run downwards only)`,
  severity: "error",
  from: { path: layer.path },
  to: { path: LAYERS.slice(0, index + 1).map((above) => `(${above.path})`) },
}));

const upwardServices = SERVICES.slice(1).map((domain, index) => ({
  name: `services-${domain}-imports-no-higher-domain`,
  comment: `services/${domain} may not import ${SERVICES.slice(0, index + 1)
    .map((above) => `services/${above}`)
    .join(", ")}`,
  severity: "error",
  from: { path: `^src/services/${domain}/` },
  to: { path: SERVICES.slice(0, index + 1).map((above) => `^src/services/${above}/`) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No file reaches itself through its imports (type-only imports count).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycles",
      comment: "No two folders reach each other (src/routes/keys and src/routes/me, src/services/auth and src/services/keys, ...).",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    ...upward,
    ...upwardServices,
    {
      name: "nothing-imports-the-ui",
      comment: "src/ui is the browser's bundle: it may read the server's types, the server never imports it.",
      severity: "error",
      from: { pathNot: "^src/ui/" },
      to: { path: "^src/ui/" },
    },
    {
      name: "client-imports-nothing",
      comment: "src/client is the package's public surface (podkeys/hono, podkeys/client): it imports nothing else of src/.",
      severity: "error",
      from: { path: "^src/client/" },
      to: { path: "^src/", pathNot: "^src/client/" },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "An import that does not resolve would hide an arrow from these rules. @podkeys/app-type: src/app.ts's declarations, emitted for the UI by src/ui/tsconfig.app-type.json (a type-only arrow from ui to the entry).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^cloudflare:|^@podkeys/app-type$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports are arrows too: a layer that needs a higher layer's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    exclude: { path: "\\.test\\.tsx?$" },
  },
};
