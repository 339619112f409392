// One-off help for branches started before the layered layout (issue 17): after `git merge main`, run
// `node scripts/relayout-imports.mjs` to point every relative import that no longer resolves at the file's new
// place (git carries your edits into the moved files, but an import line you added still names the old path).
// It only rewrites imports that do not resolve; then run `npm run lint` and `npm run typecheck`.
// Delete this script once no branch predates the layout.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** Old path under src/ → new path under src/. */
const MOVES = new Map([
  ["access/caller.ts", "identity/caller.ts"],
  ["access/require-auth.ts", "http/require-auth.ts"],
  ["audit/audit.index.ts", "routes/audit/audit.index.ts"],
  ["audit/audit.routes.ts", "routes/audit/audit.routes.ts"],
  ["audit/audit.schemas.ts", "routes/audit/audit.schemas.ts"],
  ["audit/audit.queries.ts", "services/audit/audit.queries.ts"],
  ["auth/auth.index.ts", "routes/auth/auth.index.ts"],
  ["auth/auth.routes.ts", "routes/auth/auth.routes.ts"],
  ["auth/csrf.ts", "http/csrf.ts"],
  ["auth/credentials.ts", "services/auth/credentials.ts"],
  ["auth/mfa-challenges.ts", "services/auth/mfa-challenges.ts"],
  ["auth/passwords.ts", "services/auth/passwords.ts"],
  ["auth/second-factor.ts", "services/auth/second-factor.ts"],
  ["auth/sessions.ts", "services/auth/sessions.ts"],
  ["auth/two-factor.ts", "services/auth/two-factor.ts"],
  ["users/user-resets.ts", "services/auth/user-resets.ts"],
  ["config.ts", "platform/config.ts"],
  ["env.ts", "platform/env.ts"],
  ["db/d1-session.ts", "platform/d1-session.ts"],
  ["db/request-scope.ts", "platform/request-scope.ts"],
  ["http/rate-limits.ts", "platform/rate-limits.ts"],
  ["http/client-address.ts", "lib/client-address.ts"],
  ["lib/router.ts", "http/router.ts"],
  ["gateway/forwarding.ts", "routes/gateway/forwarding.ts"],
  ["gateway/origin.index.ts", "routes/gateway/origin.index.ts"],
  ["gateway/origin.routes.ts", "routes/gateway/origin.routes.ts"],
  ["gateway/origin.schemas.ts", "routes/gateway/origin.schemas.ts"],
  ["gateway/link-origin.ts", "services/gateway/link-origin.ts"],
  ["gateway/origin-client.ts", "services/gateway/origin-client.ts"],
  ["gateway/origin-config.ts", "services/gateway/origin-config.ts"],
  ["gateway/origin-links.ts", "services/gateway/origin-links.ts"],
  ["gateway/sealed-link-cache.ts", "services/gateway/sealed-link-cache.ts"],
  ["keys/key-gate.ts", "routes/keys/key-gate.ts"],
  ["keys/keys.index.ts", "routes/keys/keys.index.ts"],
  ["keys/keys.routes.ts", "routes/keys/keys.routes.ts"],
  ["keys/key-format.ts", "identity/key-format.ts"],
  ["keys/verified-key.ts", "identity/verified-key.ts"],
  ["keys/expired-keys.ts", "services/keys/expired-keys.ts"],
  ["keys/key-auth.ts", "services/keys/key-auth.ts"],
  ["keys/key-cache.ts", "services/keys/key-cache.ts"],
  ["keys/key-header.ts", "services/keys/key-header.ts"],
  ["keys/key-usage.queries.ts", "services/keys/key-usage.queries.ts"],
  ["keys/key-usage.ts", "services/keys/key-usage.ts"],
  ["keys/keys.queries.ts", "services/keys/keys.queries.ts"],
  ["keys/keys.schemas.ts", "services/keys/keys.schemas.ts"],
  ["keys/keys.service.ts", "services/keys/keys.service.ts"],
  ["keys/sign-in-keys.ts", "services/keys/sign-in-keys.ts"],
  ["keys/verify-answer.ts", "services/keys/verify-answer.ts"],
  ["keys/verify-key.ts", "services/keys/verify-key.ts"],
  ["me/me-body.ts", "routes/me/me-body.ts"],
  ["me/me.index.ts", "routes/me/me.index.ts"],
  ["me/me.routes.ts", "routes/me/me.routes.ts"],
  ["me/me.schemas.ts", "routes/me/me.schemas.ts"],
  ["me/sessions.index.ts", "routes/me/sessions.index.ts"],
  ["me/sessions.routes.ts", "routes/me/sessions.routes.ts"],
  ["me/two-factor.index.ts", "routes/me/two-factor.index.ts"],
  ["me/two-factor.routes.ts", "routes/me/two-factor.routes.ts"],
  ["pinepods/basic-auth.ts", "services/pinepods/basic-auth.ts"],
  ["pinepods/pinepods-users.ts", "services/pinepods/pinepods-users.ts"],
  ["pinepods/pinepods-instance.index.ts", "routes/pinepods/pinepods-instance.index.ts"],
  ["pinepods/pinepods-instance.routes.ts", "routes/pinepods/pinepods-instance.routes.ts"],
  ["pinepods/pinepods.index.ts", "routes/pinepods/pinepods.index.ts"],
  ["pinepods/pinepods.routes.ts", "routes/pinepods/pinepods.routes.ts"],
  ["setup/setup.index.ts", "routes/setup/setup.index.ts"],
  ["setup/setup.routes.ts", "routes/setup/setup.routes.ts"],
  ["users/users.index.ts", "routes/users/users.index.ts"],
  ["users/users.routes.ts", "routes/users/users.routes.ts"],
  ["users/users.queries.ts", "services/users/users.queries.ts"],
  ["users/users.schemas.ts", "identity/users.schemas.ts"],
]);
const OLD_OF = new Map([...MOVES].map(([from, to]) => [`src/${to}`, `src/${from}`]));
const NEW_OF = new Map([...MOVES].map(([from, to]) => [`src/${from}`, `src/${to}`]));
const ENDINGS = ["", ".ts", ".tsx", "/index.ts"];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

const resolves = (path) => ENDINGS.some((ending) => existsSync(path + ending) && statSync(path + ending).isFile());

function rewrite(file, specifier) {
  if (resolves(join(dirname(file), specifier))) return specifier;
  for (const base of [dirname(file), OLD_OF.has(file) ? dirname(OLD_OF.get(file)) : undefined]) {
    if (!base) continue;
    const target = normalize(join(base, specifier));
    for (const ending of ENDINGS) {
      const moved = NEW_OF.get(target + ending);
      if (moved) {
        const path = relative(dirname(file), moved.slice(0, moved.length - ending.length));
        return path.startsWith(".") ? path : `./${path}`;
      }
      if (existsSync(target + ending) && statSync(target + ending).isFile()) {
        const path = relative(dirname(file), target);
        return path.startsWith(".") ? path : `./${path}`;
      }
    }
  }
  return specifier;
}

let changed = 0;
for (const root of ["src", "test", "bench", "scripts", "docs/examples"].filter((dir) => existsSync(dir))) {
  for (const file of files(root)) {
    const text = readFileSync(file, "utf8");
    const next = text.replace(/((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']*)\2/g, (_, before, quote, specifier) => {
      return before + quote + rewrite(file, specifier) + quote;
    });
    if (next !== text) {
      writeFileSync(file, next);
      changed += 1;
      console.log(`rewrote imports in ${file}`);
    }
  }
}
console.log(`${changed} file(s) changed`);
