// The load generator, in its own process so it does not share an event loop with Miniflare.
// run.mjs forks it and sends one job at a time: `duration` seconds, or `amount` requests for a warm-up.
import autocannon from "autocannon";

async function runJob({ url, connections, duration, amount, keys, headers = {} }) {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration }),
    // Every row sends a key header, rotating through its pool, so every row costs the client the same.
    requests: [
      {
        setupRequest(request) {
          request.headers = { ...request.headers, ...headers, authorization: `Bearer ${keys[next++ % keys.length]}` };
          return request;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: { "2xx": result["2xx"], "4xx": result["4xx"], "5xx": result["5xx"] },
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

process.on("message", async (job) => {
  try {
    process.send({ ok: true, result: await runJob(job) });
  } catch (error) {
    process.send({ ok: false, error: String(error) });
  }
});
