/** Workers Logs indexes JSON lines by field, so every line the Worker writes is one JSON object. */
export function writeLog(level: "info" | "error", fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

/**
 * What kind of failure a thrown value is — `Error`, `DrizzleQueryError → Error` — and nothing more.
 * Never its message: a driver's message carries the SQL and its parameters (password hashes,
 * session and key hashes), so error log lines name the kind and leave the detail out.
 */
export function errorName(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && cause.name !== name ? `${name} → ${cause.name}` : name;
}
