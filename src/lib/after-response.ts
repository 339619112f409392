import { errorName, writeLog } from "./log";

/**
 * Work that must not delay — or time-stamp — the answer, such as an audit write on a failed sign-in:
 * started on the next macrotask, by which time the handler has returned its Response to the runtime,
 * and kept alive by waitUntil. (A bare `waitUntil(write())` starts the write at once, so its D1 round
 * trip still overlaps the answer, and a wrong password for a real user answered measurably slower
 * than an unknown username.)
 * The answer is gone by the time the task runs, so its failure (D1 unavailable) has no one to tell but
 * the log: one line in the log's fixed format naming the task and the error's kind — never an uncaught
 * `D1_ERROR` line from the runtime, whose message would carry the SQL and its parameters.
 */
export function afterResponse(ctx: Pick<ExecutionContext, "waitUntil">, event: string, task: () => Promise<unknown>): void {
  ctx.waitUntil(
    new Promise((resolve) => setTimeout(resolve, 0))
      .then(task)
      .catch((error: unknown) => writeLog("error", { event: "after_response_failed", task: event, error: errorName(error) })),
  );
}
