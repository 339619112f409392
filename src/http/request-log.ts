import { writeLog } from "../lib/log";

/**
 * One JSON line per request: id, method, path, status, duration. Nothing else, on purpose:
 * bodies carry passwords and freshly created keys, headers carry keys and session cookies, and the
 * query string is left out with them. Path segments long enough to be a secret (a key pasted into a
 * URL by mistake) are redacted; our own routes never have segments that long.
 */
export function logRequest(requestId: string, method: string, path: string, status: number, started: number): void {
  writeLog(status >= 500 ? "error" : "info", { requestId, method, path: loggablePath(path), status, durationMs: Date.now() - started });
}

export function newRequestId(): string {
  return crypto.randomUUID();
}

const MAX_SEGMENT_LENGTH = 32;
const MAX_PATH_LENGTH = 256;

/** A segment longer than MAX_SEGMENT_LENGTH, compiled once: most paths have none and are logged as they are. */
const LONG_SEGMENT = new RegExp(`[^/]{${MAX_SEGMENT_LENGTH + 1}}`);

export function loggablePath(path: string): string {
  if (path.length <= MAX_PATH_LENGTH && !LONG_SEGMENT.test(path)) return path;
  const redacted = path
    .split("/")
    .map((segment) => (segment.length > MAX_SEGMENT_LENGTH ? ":redacted" : segment))
    .join("/");
  return redacted.length > MAX_PATH_LENGTH ? `${redacted.slice(0, MAX_PATH_LENGTH)}…` : redacted;
}
