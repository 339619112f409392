import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

interface Query {
  sql: string;
  params: unknown[];
}

/** Raw SQL made ready for a transaction, typed by the rows it returns. */
export interface Statement<Row> {
  toSQL(): Query;
  /** Type only: the rows this statement returns. */
  readonly rows?: Row[];
}

/** A drizzle query builder (anything with toSQL()) or a raw Statement. */
type Item = { toSQL(): Query };
type RowsOf<S> =
  S extends Statement<infer Row> ? Row[] : S extends PromiseLike<infer R> ? (R extends unknown[] ? R : unknown[]) : unknown[];

/** Raw SQL (conditional INSERT … SELECT … WHERE, UPDATE … RETURNING) as a statement for inTransaction(). */
export function statement<Row = never>(db: Db, query: SQL): Statement<Row> {
  // db.run() only builds the query here: drizzle runs it when awaited, and it never is.
  const built = db.run(query).getQuery();
  return { toSQL: () => built };
}

/**
 * Runs the statements as one D1 batch, which D1 executes as a single transaction: every statement
 * commits or none does (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 * Answers each statement's rows, in order.
 *
 * Why not drizzle's db.batch(): in drizzle-orm 0.45 it cannot carry raw SQL with parameters
 * (db.run(sql`…`) has no prepared statement to bind, and the batch fails), and the writes that must
 * decide on current data (the key limit, the last admin, "only if the first statement did its work")
 * are conditional statements written in SQL.
 */
export async function inTransaction<const S extends readonly Item[]>(db: Db, statements: S): Promise<{ [K in keyof S]: RowsOf<S[K]> }> {
  const d1 = db.$client;
  const results = await d1.batch(
    statements.map((item) => {
      const { sql, params } = item.toSQL();
      return d1.prepare(sql).bind(...params);
    }),
  );
  return results.map((result) => result.results) as { [K in keyof S]: RowsOf<S[K]> };
}
