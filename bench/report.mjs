// Turns the rounds into one row each (medians), the ratios to rows (a) and (b), and the targets
// of issue #4; prints a Markdown table (pasted as-is into the README) and returns the JSON report.

const TARGETS = [
  { row: "c", base: "b", min: 0.9 },
  { row: "d", base: "a", min: 0.8 },
  { row: "e", base: "a", min: 0.9 },
  { row: "f", base: "b", min: 0.9 },
];

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function printReport(rows, { machine, settings }) {
  const summary = rows.map((row) => {
    const requests = row.runs.reduce((sum, run) => sum + run.requests, 0);
    const cpuSeconds = row.runs.reduce((sum, run) => sum + run.cpuSeconds, 0);
    return {
      id: row.id,
      what: row.what,
      reqPerSec: Math.round(median(row.runs.map((run) => run.reqPerSec))),
      p50Ms: median(row.runs.map((run) => run.p50)),
      p99Ms: median(row.runs.map((run) => run.p99)),
      workerdCpuUsPerRequest: Math.round((cpuSeconds / requests) * 1e6),
      rounds: row.runs.map((run) => ({ reqPerSec: Math.round(run.reqPerSec), p50Ms: run.p50, p99Ms: run.p99, requests: run.requests })),
    };
  });
  const byId = Object.fromEntries(summary.map((row) => [row.id, row]));
  for (const row of summary) {
    row.vsA = row.reqPerSec / byId.a.reqPerSec;
    row.vsB = row.reqPerSec / byId.b.reqPerSec;
  }
  const targets = TARGETS.map(({ row, base, min }) => {
    const ratio = byId[row].reqPerSec / byId[base].reqPerSec;
    return { target: `(${row})/(${base}) ≥ ${min}`, ratio: Number(ratio.toFixed(3)), met: ratio >= min };
  });

  const lines = [
    "| row | request | req/s | p50 ms | p99 ms | ×(a) | ×(b) | workerd CPU µs/req |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.map(
      (r) => `| ${r.id} | ${r.what} | ${r.reqPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.vsA.toFixed(2)} | ${r.vsB.toFixed(2)} | ${r.workerdCpuUsPerRequest} |`,
    ),
  ];
  console.log(lines.join("\n"));
  console.log();
  for (const t of targets) console.log(`${t.met ? "MET   " : "MISSED"} ${t.target}: ${t.ratio.toFixed(2)}`);
  console.log();
  console.log(
    `${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · Miniflare ${machine.miniflare} (workerd ${machine.workerd}) · autocannon ${machine.autocannon}, ` +
      `${settings.connections} connections, median of ${settings.rounds} rounds × ${settings.seconds} s per row · ${settings.keys} keys`,
  );
  return { date: new Date().toISOString(), machine, settings, rows: summary, targets };
}
