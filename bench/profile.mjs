// `node bench/profile.mjs [path] [seconds]`: where a request's CPU goes inside the Worker. The built
// bundle runs in workerd (Miniflare's API) with its inspector on; autocannon drives one path while
// V8's sampling profiler records, then the top functions by self time are printed (issue 24: the app's
// floor, /healthz by default). Proportions, not absolute numbers: other jobs on the machine slow everything alike.
// PROFILE_KEYS=fenced (permissions + fence) or narrow (and a rate limit) drives it with rows m's or n's keys.
import { fork, spawnSync } from "node:child_process";
import { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";
import WebSocket from "ws";
import { BENCH_CLIENT_IP, linkEveryUser, ORIGIN_KEY, seedGatewayKeys } from "./gateway.mjs";
import { applyMigrations, seedKeys } from "./seed.mjs";

const PATH = process.argv[2] ?? "/healthz";
const SECONDS = Number(process.argv[3] ?? 5);
const INSPECTOR_PORT = 9300 + Math.floor(Math.random() * 500);
const VAULT_KEY = "bench:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

const config = unstable_readConfig({ config: "wrangler.toml" });
if (!process.env.NO_BUILD && spawnSync("npm", ["run", "build:worker"], { stdio: ["ignore", "ignore", "inherit"] }).status !== 0) {
  throw new Error("build failed");
}
const mf = new Miniflare({
  host: "127.0.0.1",
  port: 0,
  inspectorPort: INSPECTOR_PORT,
  handleRuntimeStdio: (stdout, stderr) => {
    stdout.resume();
    stderr.pipe(process.stderr);
  },
  workers: [
    {
      name: "podkeys",
      modules: true,
      scriptPath: "dist/index.js",
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      bindings: { ...config.vars, KEY_CACHE_TTL_SECONDS: "300", ORIGIN_URL: "http://origin.bench", VAULT_KEY },
      d1Databases: { DB: "profile" },
      outboundService: "origin",
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
      unsafeInspectorProxy: true,
      durableObjects: { KEY_RATE_LIMITER: { className: "KeyRateLimiter", useSQLite: true } },
    },
    {
      name: "origin",
      modules: true,
      scriptPath: "bench/origin-worker.js",
      compatibilityDate: config.compatibility_date,
      bindings: { ORIGIN_KEY },
    },
  ],
});
const loader = fork(new URL("./load.mjs", import.meta.url));
const load = (job) =>
  new Promise((resolve, reject) => {
    loader.once("message", (reply) => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error))));
    loader.send(job);
  });

try {
  await mf.ready;
  const db = await mf.getD1Database("DB", "podkeys");
  await applyMigrations(db);
  const seeded = await seedKeys(db, { count: 1000, prefix: config.vars.KEY_PREFIX });
  await linkEveryUser(db, VAULT_KEY);
  const { fencedKeys, narrowKeys } = await seedGatewayKeys(db, { prefix: config.vars.KEY_PREFIX });
  const keys = { fenced: fencedKeys, narrow: narrowKeys }[process.env.PROFILE_KEYS] ?? seeded.keys;
  const headers = { "cf-connecting-ip": BENCH_CLIENT_IP };
  const url = new URL(PATH, await mf.unsafeGetDirectURL("podkeys")).href;
  await load({ url, connections: 10, amount: 3000, keys, headers });

  const socket = new WebSocket(`ws://127.0.0.1:${INSPECTOR_PORT}/podkeys`);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.binaryType = "arraybuffer";
    socket.onerror = reject;
  });
  let nextId = 0;
  const pending = new Map();
  socket.onmessage = (event) => {
    const text = typeof event.data === "string" ? event.data : Buffer.from(event.data).toString();
    const message = JSON.parse(text);
    pending.get(message.id)?.(message);
  };
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 50 });
  await send("Profiler.start");
  const result = await load({ url, connections: 10, duration: SECONDS, keys, headers });
  const { result: stopped } = await send("Profiler.stop");
  socket.close();

  const { nodes, samples } = stopped.profile;
  const hits = new Map(nodes.map((node) => [node.id, 0]));
  for (const id of samples) hits.set(id, hits.get(id) + 1);
  const byFunction = new Map();
  for (const node of nodes) {
    const { functionName, url: file, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${file.split("/").pop()}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits.get(node.id));
  }
  const total = samples.length;
  console.log(`${PATH}: ${result.requests} requests in ${SECONDS}s (${Math.round(result.reqPerSec)} req/s), ${total} samples`);
  for (const [name, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
} finally {
  loader.kill();
  await mf.dispose();
}
