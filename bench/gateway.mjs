// The gateway's part of `npm run bench`: links every seeded user to the bare origin (sealed with the
// Worker's own vault code, as PUT /api/me/origin would store it), and measures a 50 MB answer streamed
// through the gateway against the same answer fetched from the origin directly, with workerd's memory
// sampled during each download.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { build } from "esbuild";

/** The bare origin's own API key (its ORIGIN_KEY binding), sealed into every user's link. */
export const ORIGIN_KEY = "bench-origin-key-0123456789";
const EPISODE_PATH = "/api/data/stream/1";

async function importTypeScript(path) {
  const { outputFiles } = await build({ entryPoints: [path], bundle: true, format: "esm", platform: "neutral", write: false });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
}

export async function linkEveryUser(db, vaultKey) {
  const { seal, vaultKeyId } = await importTypeScript("src/lib/vault.ts");
  const keyId = await vaultKeyId(vaultKey);
  const { results } = await db.prepare("SELECT id FROM users").all();
  for (const { id } of results) {
    const sealed = await seal(vaultKey, `origin-link:${id}`, ORIGIN_KEY);
    await db
      .prepare(
        "INSERT INTO origin_links (user_id, origin_user_id, origin_username, origin_key_sealed, vault_key_id) VALUES (?, ?, ?, ?, ?)",
      )
      // Every user is origin user 1: row (g)'s one URL (return_pods/1) is each key's own user, as the owner check requires.
      .bind(id, 1, `listener${id}`, sealed, keyId)
      .run();
  }
}

/** The address rows (q) and (n) come from: inside the narrow keys' fence. */
export const BENCH_CLIENT_IP = "127.0.0.1";

/**
 * Rows (q) and (n), one key each for the first `count` users: (q) a plain full-scope key, (n) the same owner's
 * key with permissions (podcasts read, playback write), a network fence (CIDR ranges and a country) and a rate
 * limit far above the bench's rate (so every request pays the Durable Object call and none is refused).
 */
export async function seedGatewayKeys(db, { prefix, count = 1000 }) {
  const { generateKey, keyHint } = await importTypeScript("src/identity/key-format.ts");
  const sha256Hex = (text) => createHash("sha256").update(text).digest("hex");
  const { results } = await db.prepare("SELECT id FROM users ORDER BY id LIMIT ?").bind(count).all();
  const narrowing = [
    JSON.stringify({ podcasts: "read", playback: "write" }),
    JSON.stringify({ countries: ["DE"], cidrs: ["203.0.113.0/24", "2001:db8::/32", "127.0.0.0/8"] }),
    JSON.stringify({ requests: 100000, periodSeconds: 1 }),
  ];
  const fullKeys = [];
  const narrowKeys = [];
  const statements = [];
  for (const { id } of results) {
    const full = generateKey(prefix);
    const narrow = generateKey(prefix);
    fullKeys.push(full);
    narrowKeys.push(narrow);
    statements.push(
      db
        .prepare("INSERT INTO api_keys (user_id, name, key_hash, hint, scope) VALUES (?, 'bench full', ?, ?, 'full')")
        .bind(id, sha256Hex(full), keyHint(full, prefix)),
      db
        .prepare(
          "INSERT INTO api_keys (user_id, name, key_hash, hint, scope, permissions, network, rate_limit) VALUES (?, 'bench narrow', ?, ?, 'read', ?, ?, ?)",
        )
        .bind(id, sha256Hex(narrow), keyHint(narrow, prefix), ...narrowing),
    );
  }
  await db.batch(statements);
  return { fullKeys, narrowKeys };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)[1]) / 1024;
}

/** One download: MB/s, and workerd's resident memory before and at its peak while it ran. */
async function download(url, key, pid, { noHeader = false } = {}) {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  const started = performance.now();
  const response = await fetch(url, { headers: noHeader ? {} : { authorization: `Bearer ${key}` } });
  if (response.status !== 200) throw new Error(`stream ${url}: ${response.status} ${await response.text()}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += chunk.byteLength;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { bytes, mbPerSec: bytes / 1024 / 1024 / seconds, rssBeforeMb: before, rssPeakMb: peak };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** One connection, `messages` sent one after the other, each waiting for its echo: messages per second. */
async function echoRun(url, messages) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error(`WebSocket ${url.replace(/api_key=[^&]+/, "api_key=…")} failed`)), {
      once: true,
    });
  });
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    const echoed = new Promise((resolve) => socket.addEventListener("message", (event) => resolve(event.data), { once: true }));
    socket.send(`message ${i}`);
    if ((await echoed) !== `message ${i}`) throw new Error("the echo did not match");
  }
  const perSecond = messages / ((performance.now() - started) / 1000);
  socket.close();
  return perSecond;
}

/** WebSocket messages echoed through the gateway (the bridge) vs from the origin directly; median of `times`, alternating. */
export async function measureWebSocketEcho({ gatewayUrl, originUrl, key, times = 5, messages = 2000 }) {
  const path = (base, apiKey) => `${base.replace(/^http/, "ws").replace(/\/$/, "")}/ws/api/tasks/1?api_key=${apiKey}`;
  const runs = { gateway: [], direct: [] };
  for (let i = 0; i < times; i++) {
    runs.direct.push(await echoRun(path(originUrl, ORIGIN_KEY), messages));
    runs.gateway.push(await echoRun(path(gatewayUrl, key), messages));
  }
  const ratio = Number(median(runs.gateway.map((g, i) => g / runs.direct[i])).toFixed(3));
  const gateway = Math.round(median(runs.gateway));
  const direct = Math.round(median(runs.direct));
  const met = ratio >= 0.8;
  console.log(
    `${met ? "MET   " : "MISSED"} WebSocket echo through the gateway ≥ 0.8× direct: ${ratio.toFixed(2)} ` +
      `(gateway ${gateway} msg/s, direct ${direct} msg/s; ${messages} round trips on one connection, median of ${times}, alternating)`,
  );
  return { gateway, direct, ratio, met };
}

/**
 * Alternating downloads of `direct` and `gateway` (each `{ url, key, noHeader }`), `times` each: medians
 * of throughput, the largest memory growth seen, and one report line against `target` × direct.
 */
async function compareDownloads({ what, direct, gateway, pid, target, times = 5 }) {
  const runs = { gateway: [], direct: [] };
  for (let i = 0; i < times; i++) {
    runs.direct.push(await download(direct.url, direct.key, pid, direct));
    runs.gateway.push(await download(gateway.url, gateway.key, pid, gateway));
  }
  const summary = (list) => ({
    mbPerSec: Number(median(list.map((r) => r.mbPerSec)).toFixed(1)),
    maxRssGrowthMb: Number(Math.max(...list.map((r) => r.rssPeakMb - r.rssBeforeMb)).toFixed(1)),
    bytes: list[0].bytes,
  });
  const result = { gateway: summary(runs.gateway), direct: summary(runs.direct) };
  const ratio = Number(median(runs.gateway.map((g, i) => g.mbPerSec / runs.direct[i].mbPerSec)).toFixed(3));
  const met = ratio >= target;
  console.log(
    `${met ? "MET   " : "MISSED"} ${what} through the gateway ≥ ${target}× direct: ${ratio.toFixed(2)} ` +
      `(gateway ${result.gateway.mbPerSec} MB/s, direct ${result.direct.mbPerSec} MB/s; median of ${times}, alternating)`,
  );
  console.log(
    `       workerd memory (${what}): at most +${result.gateway.maxRssGrowthMb} MB through the gateway, ` +
      `+${result.direct.maxRssGrowthMb} MB direct (resident set, sampled every 20 ms)`,
  );
  return { ...result, ratio, met };
}

/** The 5 MB feed rewritten through the gateway vs the origin's directly (the origin key in the URL, as Pinepods takes it). */
export function measureFeed({ gatewayUrl, originUrl, key, pid }) {
  const path = "/api/feed/1";
  return compareDownloads({
    what: "5 MB feed rewritten",
    direct: { url: `${new URL(path, originUrl).href}?api_key=${ORIGIN_KEY}`, key: ORIGIN_KEY },
    gateway: { url: `${new URL(path, gatewayUrl).href}?api_key=${key}`, key, noHeader: true },
    pid,
    target: 0.5,
  });
}

/** The 50 MB episode streamed through the gateway vs directly. */
export function measureStreaming({ gatewayUrl, originUrl, key, pid }) {
  return compareDownloads({
    what: "50 MB streamed",
    direct: { url: new URL(EPISODE_PATH, originUrl).href, key },
    gateway: { url: new URL(EPISODE_PATH, gatewayUrl).href, key },
    pid,
    target: 0.8,
  });
}
