import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>;

/** Takes the database or one of its D1 sessions (d1-session.ts): drizzle's D1 driver only calls prepare() and batch(), which both have. */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database, { schema, casing: "snake_case" });
}
