/**
 * Work that must not delay — or time-stamp — the answer, such as an audit write on a failed sign-in:
 * started on the next macrotask, by which time the handler has returned its Response to the runtime,
 * and kept alive by waitUntil. (A bare `waitUntil(write())` starts the write at once, so its D1 round
 * trip still overlaps the answer, and a wrong password for a real user answered measurably slower
 * than an unknown username.)
 */
export function afterResponse(ctx: Pick<ExecutionContext, "waitUntil">, task: () => Promise<unknown>): void {
  ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 0)).then(task));
}
