// `npm run bench`: the built bundle in workerd (through Miniflare's API, no wrangler dev proxy),
// 10,000 real keys in D1, and eight rows driven side by side by autocannon over 127.0.0.1.
// Bounded: a warm-up, then rounds × seconds per row (two to four minutes in all), then it stops.
import { fork, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";
import {
  BENCH_CLIENT_IP,
  linkEveryUser,
  measureFeed,
  measureStreaming,
  measureWebSocketEcho,
  ORIGIN_KEY,
  seedGatewayKeys,
} from "./gateway.mjs";
import { machine, workerdCpuSeconds, workerdPid } from "./machine.mjs";
import { printReport } from "./report.mjs";
import { applyMigrations, seedKeys } from "./seed.mjs";
import { measureSignInTiming, seedSignInUsers } from "./sign-in-timing.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// A subset of rows (e.g. BENCH_ROWS=b,f) for investigating; ratios need rows a and b.
const ONLY_ROWS = process.env.BENCH_ROWS?.split(",");
const KEY_COUNT = 10_000;
const WARMUP_REQUESTS = 2_000;
// Longer than the usage flush's delay (services/keys/key-usage.ts, FLUSH_AFTER_MS = 250) plus its D1 batch.
const USAGE_FLUSH_SETTLE_MS = 600;
// Longer than the whole run (about 7 minutes with every row), so rows d, u, g, q, m and n measure cache hits after
// their warm-up pass to the end (see README, Performance): at 300 s the entries expired mid-run and later rounds read D1.
const CACHE_TTL_SECONDS = "3600";
// The gateway rows: a bench-only vault key, and the bare origin reached in-process (outboundService).
const VAULT_KEY = "bench:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

// Other jobs on this machine sway the numbers; the load average before and after is part of the record.
const loadBefore = loadavg()[0];
const config = unstable_readConfig({ config: "wrangler.toml" });
const build = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) throw new Error("npm run build failed");

const gatewayOptions = {
  bindings: { ORIGIN_URL: "http://origin.bench", VAULT_KEY },
  outboundService: "origin",
  // Rate-limited keys (row n): one SQLite-backed Durable Object per key, as wrangler.toml declares it.
  durableObjects: { KEY_RATE_LIMITER: { className: "KeyRateLimiter", useSQLite: true } },
};
// One workerd process, four Workers on one shared D1. Each Worker gets its own socket, so no
// Miniflare entry worker sits between autocannon and the code being measured.
const podkeys = (name, cacheTtl, extra = {}) => ({
  name,
  modules: true,
  scriptPath: "dist/index.js",
  compatibilityDate: config.compatibility_date,
  compatibilityFlags: config.compatibility_flags,
  bindings: { ...config.vars, KEY_CACHE_TTL_SECONDS: cacheTtl, ...extra.bindings },
  d1Databases: { DB: "bench" },
  unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  ...(extra.outboundService ? { outboundService: extra.outboundService } : {}),
  ...(extra.durableObjects ? { durableObjects: extra.durableObjects } : {}),
});
const mf = new Miniflare({
  host: "127.0.0.1",
  port: 0,
  // The Worker writes one log line per request: still written (its cost is part of what is measured),
  // but not printed, or the report would drown in them. Errors still show.
  handleRuntimeStdio: (stdout, stderr) => {
    stdout.resume();
    stderr.pipe(process.stderr);
  },
  workers: [
    podkeys("strict", "0"),
    podkeys("cached", CACHE_TTL_SECONDS),
    // Row (u): row (d)'s Worker without usage counting (RECORD_KEY_USAGE=false), for (d) with and without it in one run.
    podkeys("cached-no-usage", CACHE_TTL_SECONDS, { bindings: { RECORD_KEY_USAGE: "false" } }),
    // The gateway in front of the bare origin, with the key cache on (row g: "a cached key").
    podkeys("gateway", CACHE_TTL_SECONDS, gatewayOptions),
    // Rows q, m and n: the same gateway in its own isolate, so their 3,000 keys never push row g's 10,000 out of
    // its key cache (MAX_ENTRIES 10,000 per isolate; sharing one, both would measure D1 lookups, not cache hits).
    podkeys("gateway-narrow", CACHE_TTL_SECONDS, gatewayOptions),
    {
      name: "passthrough",
      modules: true,
      scriptPath: "bench/passthrough-worker.js",
      compatibilityDate: config.compatibility_date,
      bindings: { ORIGIN_KEY },
      outboundService: "origin",
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    },
    {
      // Row (z): a bare fetch Worker answering /healthz's JSON, on its own direct socket like Podkeys (issue 24).
      name: "bare",
      modules: true,
      scriptPath: "bench/bare-worker.js",
      compatibilityDate: config.compatibility_date,
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    },
    {
      name: "origin",
      modules: true,
      scriptPath: "bench/origin-worker.js",
      compatibilityDate: config.compatibility_date,
      bindings: { ORIGIN_KEY },
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    },
    {
      name: "reference",
      modules: true,
      scriptPath: "bench/reference-worker.js",
      compatibilityDate: config.compatibility_date,
      d1Databases: { DB: "bench" },
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    },
    {
      // Rows (r) and (h): another Worker, bound to the strict Podkeys' KeyService entrypoint.
      name: "consumer",
      modules: true,
      scriptPath: "bench/consumer-worker.js",
      compatibilityDate: config.compatibility_date,
      serviceBindings: { PODKEYS: { name: "strict", entrypoint: "KeyService" } },
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    },
  ],
});
const loader = fork(new URL("./load.mjs", import.meta.url));
const stop = async () => {
  loader.kill();
  await mf.dispose();
};
process.once("SIGINT", () => stop().then(() => process.exit(130)));

try {
  await mf.ready;
  const db = await mf.getD1Database("DB", "strict");
  await applyMigrations(db);
  const { keys, unknownKeys, malformedKeys } = await seedKeys(db, { count: KEY_COUNT, prefix: config.vars.KEY_PREFIX });
  await linkEveryUser(db, VAULT_KEY);
  const { fullKeys, fencedKeys, narrowKeys } = await seedGatewayKeys(db, { prefix: config.vars.KEY_PREFIX });
  // After the gateway's keys: those go to the first users by id, who must all be linked (the sign-in users are not).
  await seedSignInUsers(db);
  const fromInsideFence = { "cf-connecting-ip": BENCH_CLIENT_IP };
  const url = async (worker, path) => new URL(path, await mf.unsafeGetDirectURL(worker)).href;

  const rows = [
    { id: "a", what: "GET /healthz (runtime floor)", url: await url("strict", "/healthz"), keys, expect: 200 },
    { id: "z", what: "GET /healthz from a bare fetch Worker (no app)", url: await url("bare", "/healthz"), keys, expect: 200 },
    { id: "b", what: "reference: SHA-256 + 1 D1 SELECT", url: await url("reference", "/"), keys, expect: 200 },
    { id: "c", what: "GET /api/me, valid key, strict", url: await url("strict", "/api/me"), keys, expect: 200 },
    { id: "d", what: `GET /api/me, valid key, cache ${CACHE_TTL_SECONDS}s`, url: await url("cached", "/api/me"), keys, expect: 200 },
    {
      id: "u",
      what: `GET /api/me, valid key, cache ${CACHE_TTL_SECONDS}s, usage counting off`,
      url: await url("cached-no-usage", "/api/me"),
      keys,
      expect: 200,
    },
    { id: "e", what: "GET /api/me, malformed key", url: await url("strict", "/api/me"), keys: malformedKeys, expect: 401 },
    { id: "f", what: "GET /api/me, unknown key", url: await url("strict", "/api/me"), keys: unknownKeys, expect: 401 },
    { id: "r", what: "another Worker → KeyService.verify (RPC)", url: await url("consumer", "/rpc"), keys, expect: 200 },
    {
      id: "h",
      what: "another Worker → POST /api/keys/verify (HTTP, same binding)",
      url: await url("consumer", "/http"),
      keys,
      expect: 200,
    },
    {
      id: "g",
      what: "GET forwarded to a bare origin, cached key",
      url: await url("gateway", "/api/data/return_pods/1"),
      keys,
      expect: 200,
    },
    { id: "o", what: "the same GET sent to the origin directly", url: await url("origin", "/api/data/return_pods/1"), keys, expect: 200 },
    {
      id: "p",
      what: "the same GET through a bare pass-through Worker (gateway floor)",
      url: await url("passthrough", "/api/data/return_pods/1"),
      keys,
      expect: 200,
    },
    // Issue 18: Pinepods' web app at the edge URL. Its index, which the origin marks cacheable, comes
    // from the edge cache once the warm-up has filled it (no credential is sent on: the key header the
    // load sends is dropped).
    {
      id: "w",
      what: "GET / (the web app's index) through the gateway, edge cache warm",
      url: await url("gateway", "/"),
      keys,
      expect: 200,
    },
    { id: "x", what: "the same index from the origin directly", url: await url("origin", "/"), keys, expect: 200 },
    {
      id: "q",
      what: "GET forwarded, cached plain full-scope key",
      url: await url("gateway-narrow", "/api/data/return_pods/1"),
      keys: fullKeys,
      headers: fromInsideFence,
      expect: 200,
    },
    {
      id: "m",
      what: "the same, key with permissions + fence",
      url: await url("gateway-narrow", "/api/data/return_pods/1"),
      keys: fencedKeys,
      headers: fromInsideFence,
      expect: 200,
    },
    {
      id: "n",
      what: "the same, key with permissions + fence + rate limit",
      url: await url("gateway-narrow", "/api/data/return_pods/1"),
      keys: narrowKeys,
      headers: fromInsideFence,
      expect: 200,
    },
  ].filter((row) => !ONLY_ROWS || ONLY_ROWS.includes(row.id));
  for (const row of rows) await checkOnce(row);

  const pid = workerdPid();
  const load = (row, job) =>
    new Promise((resolve, reject) => {
      loader.once("message", (reply) => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error))));
      loader.send({ url: row.url, connections: CONNECTIONS, keys: row.keys, headers: row.headers, ...job });
    });

  // Warm-up. Rows (c) and (d) keep state per key: one pass through all keys writes each key's first
  // lastUsedAt and fills the cache, before anything is measured. Other rows only need a warm JIT.
  console.error("warming up (one pass through the keys for rows c, d, u, g, q, m and n)");
  for (const row of rows)
    await load(row, { amount: ["c", "d", "u", "g", "q", "m", "n"].includes(row.id) ? row.keys.length : WARMUP_REQUESTS });
  // Row (w) measures the edge cache: after the warm-up its answer must come from it.
  const webApp = rows.find((row) => row.id === "w");
  if (webApp && (await fetch(webApp.url)).headers.get("x-podkeys-cache") !== "hit") throw new Error("row w: the edge cache is not warm");

  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round, so no row always follows the same neighbour.
    const order = rows.map((_, i) => rows[(i + round) % rows.length]);
    console.error(`round ${round + 1}/${ROUNDS}: ${order.map((row) => row.id).join(" ")} × ${SECONDS}s`);
    for (const row of order) {
      const cpuBefore = workerdCpuSeconds(pid);
      const result = await load(row, { duration: SECONDS });
      // Usage counts and lastUsedAt are flushed FLUSH_AFTER_MS (250 ms) after a row's checks: wait them
      // out before reading the CPU, so a row's batched writes count in its own CPU, never in the next row's.
      await new Promise((resolve) => setTimeout(resolve, USAGE_FLUSH_SETTLE_MS));
      result.cpuSeconds = workerdCpuSeconds(pid) - cpuBefore;
      assertStatuses(row, result);
      (row.runs ??= []).push(result);
    }
  }

  const report = printReport(rows, {
    machine: machine(),
    settings: { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, keys: KEY_COUNT, loadAverage: [loadBefore, loadavg()[0]] },
  });
  const streaming =
    !ONLY_ROWS || ONLY_ROWS.includes("g")
      ? await measureStreaming({ gatewayUrl: await url("gateway", "/"), originUrl: await url("origin", "/"), key: keys[0], pid })
      : undefined;
  const signInTiming = !ONLY_ROWS || ONLY_ROWS.includes("s") ? await measureSignInTiming(await url("strict", "/")) : undefined;
  // Issue 18: WebSocket frames through the gateway's bridge, and a 5 MB feed through its rewriting.
  const measured = (id) => !ONLY_ROWS || ONLY_ROWS.includes(id);
  const gatewayBase = await url("gateway", "/");
  const originBase = await url("origin", "/");
  const webSocket = measured("ws")
    ? await measureWebSocketEcho({ gatewayUrl: gatewayBase, originUrl: originBase, key: keys[0] })
    : undefined;
  const feed = measured("feed") ? await measureFeed({ gatewayUrl: gatewayBase, originUrl: originBase, key: keys[0], pid }) : undefined;
  mkdirSync("bench/results", { recursive: true });
  const json = JSON.stringify({ ...report, streaming, signInTiming, webSocket, feed }, null, 2);
  writeFileSync("bench/results/latest.json", json);
  writeFileSync(`bench/results/${report.date.replace(/[:.]/g, "-")}.json`, json);
  console.error("written: bench/results/latest.json");
} finally {
  await stop();
}

async function checkOnce(row) {
  const response = await fetch(row.url, { headers: { ...row.headers, authorization: `Bearer ${row.keys[0]}` } });
  if (response.status !== row.expect)
    throw new Error(`row ${row.id}: expected ${row.expect}, got ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

function assertStatuses(row, result) {
  const expected = row.expect === 200 ? "2xx" : "4xx";
  const total = result.statuses["2xx"] + result.statuses["4xx"] + result.statuses["5xx"];
  if (result.errors || result.timeouts || result.statuses[expected] !== total) {
    throw new Error(`row ${row.id}: expected only ${row.expect}, got ${JSON.stringify(result)}`);
  }
}
