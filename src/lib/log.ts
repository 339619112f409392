/** Workers Logs indexes JSON lines by field, so every line the Worker writes is one JSON object. */
export function writeLog(level: "info" | "error", fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

/**
 * What kind of failure a thrown value is — `TypeError`, `DrizzleQueryError → Error` — and nothing more.
 * Never its message: a driver's message carries the SQL and its parameters (password hashes,
 * session and key hashes), so error log lines name the kind and leave the detail out.
 */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  return error.cause instanceof Error ? `${kind(error)} → ${kind(error.cause)}` : kind(error);
}

/** Drizzle's DrizzleQueryError keeps the name "Error"; its class name says more. */
function kind(error: Error): string {
  return error.name !== "Error" ? error.name : (error.constructor?.name ?? "Error");
}
