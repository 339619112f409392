import type { Context } from "hono";
import { clientAddress } from "../lib/client-address";
import { returnBookmark, writeSession } from "./d1-session";
import type { AppEnv } from "./env";

/**
 * What a write needs from its request: the client address (for the audit log) and the D1 connection
 * to use — a Sessions API session on the primary, whose bookmark goes back with the answer so the
 * caller's next read sees its own write, even from a replica (d1-session.ts).
 */
export interface RequestScope {
  ip: string | null;
  d1: D1Database | D1DatabaseSession;
}

export function writeScope(c: Context<AppEnv>): RequestScope & { d1: D1DatabaseSession } {
  return { ip: clientAddress(c.req.raw), d1: writeSession(c) };
}

/** Runs a write in its own scope and hands the caller the bookmark of what it wrote. */
export async function inWriteScope<T>(c: Context<AppEnv>, write: (scope: RequestScope) => Promise<T>): Promise<T> {
  const scope = writeScope(c);
  const result = await write(scope);
  returnBookmark(c, scope.d1);
  return result;
}
