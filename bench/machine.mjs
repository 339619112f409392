// What the bench ran on, and how much CPU workerd spent: read from /proc (Linux only).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";

const require = createRequire(import.meta.url);
// Kernel clock ticks per second for /proc/<pid>/stat; 100 on every Linux build that matters here.
const CLOCK_TICKS = 100;

export function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const miniflareRequire = createRequire(require.resolve("miniflare"));
  return {
    cpus: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown",
    node: process.version,
    miniflare: require("miniflare/package.json").version,
    workerd: miniflareRequire("workerd/package.json").version,
    autocannon: require("autocannon/package.json").version,
  };
}

/** The workerd process Miniflare started (a direct child of this process). */
export function workerdPid() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [comm, fields] = parseStat(entry);
      if (comm === "workerd" && Number(fields[1]) === process.pid) return Number(entry);
    } catch {
      // The process ended between readdir and read.
    }
  }
  throw new Error("workerd process not found");
}

/** User + system CPU seconds the process has used so far. */
export function workerdCpuSeconds(pid) {
  const [, fields] = parseStat(String(pid));
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'. */
function parseStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const close = stat.lastIndexOf(")");
  return [stat.slice(stat.indexOf("(") + 1, close), stat.slice(close + 2).split(" ")];
}
