import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof build>;

function build(d1: D1Database | D1DatabaseSession) {
  // Drizzle's D1 driver only calls prepare() and batch(), which a D1 session (d1-session.ts) has too.
  return drizzle(d1 as D1Database, { schema, casing: "snake_case" });
}

/**
 * The Drizzle client of a database or of one of its D1 sessions, built once per binding or session:
 * a client holds no per-query state, so every query of a request — and, for the binding, of the
 * isolate — shares it instead of building a new one at each call site.
 */
const clients = new WeakMap<D1Database | D1DatabaseSession, Db>();
export function createDb(d1: D1Database | D1DatabaseSession): Db {
  let db = clients.get(d1);
  if (!db) clients.set(d1, (db = build(d1)));
  return db;
}
