import { afterAll, expect } from "vitest";

/**
 * Setup file for every test file: records everything written to the console in the isolate that
 * runs the Worker (tests call it in-process), and after the file checks that nothing in it looks
 * like a secret. test/security/logs.test.ts checks the exact secrets of a full flow on top of this.
 */
const CAPTURED = Symbol.for("podkeys.capturedLogs");
type Store = { lines: string[] };
const store = ((globalThis as Record<symbol, Store | undefined>)[CAPTURED] ??= install());

function install(): Store {
  const lines: string[] = [];
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === "string" ? arg : safeJson(arg))).join(" "));
      original(...args);
    };
  }
  return { lines };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function capturedLogs(): readonly string[] {
  return store.lines;
}

/** Shapes of every secret the Worker handles: a key, a SHA-256 in hex, a 32-byte base64url token. */
export const SECRET_SHAPES: Record<string, RegExp> = {
  key: /\b[a-z][a-z0-9]{0,15}_[0-9A-Za-z]{49}\b/,
  sha256: /\b[0-9a-f]{64}\b/i,
  sessionToken: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
};

afterAll(() => {
  for (const line of store.lines) {
    for (const [shape, pattern] of Object.entries(SECRET_SHAPES)) {
      expect(pattern.test(line), `a log line contains something shaped like a ${shape}: ${line.slice(0, 200)}`).toBe(false);
    }
  }
});
