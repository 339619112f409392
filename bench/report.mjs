// Turns the rounds into one row each (medians), the ratios to rows (a) and (b), and the targets
// of issues #4 and #11; prints a Markdown table (pasted as-is into the README) and returns the JSON report.

const TARGETS = [
  { row: "c", base: "b", min: 0.9 },
  { row: "d", base: "a", min: 0.8 },
  { row: "e", base: "a", min: 0.9 },
  { row: "f", base: "b", min: 0.9 },
  // Issue #11: RPC from another Worker is no slower than HTTP over the same binding, and near the floor.
  { row: "r", base: "h", min: 1.0 },
  { row: "r", base: "b", min: 0.9 },
  { row: "g", base: "o", min: 0.85 },
  { row: "g", base: "p", min: 0.85 },
  // Issue 20: a key with permissions, a fence and a rate limit costs at most 10% more than a plain full key.
  { row: "n", base: "q", min: 0.9 },
];
/** Side by side without a target (issue 18): the web app's index from the edge cache vs from the origin. */
const COMPARISONS = [{ row: "w", base: "x" }];

const fixed = (value) => (Number.isNaN(value) ? "–" : value.toFixed(2));
const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * A row's throughput relative to another's: the median over rounds of the two rows' ratio in the
 * same round. Rows of one round run back to back, so a neighbour's load on this shared machine
 * (other jobs come and go) weighs on both sides of each ratio alike.
 */
function ratio(row, base) {
  if (!row || !base) return NaN;
  return median(row.runs.map((run, round) => run.reqPerSec / base.runs[round].reqPerSec));
}

/** workerd CPU seconds per request over all of a row's rounds (the whole process: HTTP, isolate, local D1). */
function cpuPerRequest(row) {
  const requests = row.runs.reduce((sum, run) => sum + run.requests, 0);
  return row.runs.reduce((sum, run) => sum + run.cpuSeconds, 0) / requests;
}

export function printReport(rows, { machine, settings }) {
  const summary = rows.map((row) => {
    return {
      id: row.id,
      what: row.what,
      reqPerSec: Math.round(median(row.runs.map((run) => run.reqPerSec))),
      p50Ms: median(row.runs.map((run) => run.p50)),
      p99Ms: median(row.runs.map((run) => run.p99)),
      workerdCpuUsPerRequest: Math.round(cpuPerRequest(row) * 1e6),
      rounds: row.runs.map((run) => ({ reqPerSec: Math.round(run.reqPerSec), p50Ms: run.p50, p99Ms: run.p99, requests: run.requests })),
    };
  });
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  for (const row of summary) {
    row.vsA = ratio(byId[row.id], byId.a);
    row.vsB = ratio(byId[row.id], byId.b);
  }
  const targets = TARGETS.filter(({ row, base }) => byId[row] && byId[base]).map(({ row, base, min }) => {
    const value = ratio(byId[row], byId[base]);
    // The same comparison by CPU spent per request: less swayed by other jobs on the machine than req/s.
    const cpuRatio = cpuPerRequest(byId[base]) / cpuPerRequest(byId[row]);
    return {
      target: `(${row})/(${base}) ≥ ${min}`,
      ratio: Number(value.toFixed(3)),
      met: value >= min,
      cpuRatio: Number(cpuRatio.toFixed(3)),
    };
  });

  const lines = [
    "| row | request | req/s | p50 ms | p99 ms | ×(a) | ×(b) | workerd CPU µs/req |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.map(
      (r) =>
        `| ${r.id} | ${r.what} | ${r.reqPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${fixed(r.vsA)} | ${fixed(r.vsB)} | ${r.workerdCpuUsPerRequest} |`,
    ),
  ];
  console.log(lines.join("\n"));
  console.log();
  for (const t of targets) {
    console.log(`${t.met ? "MET   " : "MISSED"} ${t.target}: ${t.ratio.toFixed(2)} (by CPU per request: ${t.cpuRatio.toFixed(2)})`);
  }
  for (const { row, base } of COMPARISONS.filter(({ row, base }) => byId[row] && byId[base])) {
    console.log(
      `       (${row})/(${base}): ${ratio(byId[row], byId[base]).toFixed(2)} (no target: ${byId[row].what} vs ${byId[base].what})`,
    );
  }
  console.log();
  console.log(
    `${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · Miniflare ${machine.miniflare} (workerd ${machine.workerd}) · autocannon ${machine.autocannon}, ` +
      `${settings.connections} connections, median of ${settings.rounds} rounds × ${settings.seconds} s per row · ${settings.keys} keys · ` +
      `load average ${settings.loadAverage.map((load) => load.toFixed(1)).join(" → ")}`,
  );
  return { date: new Date().toISOString(), machine, settings, rows: summary, targets };
}
