/**
 * The real local D1, wrapped so that the statements whose SQL matches `failing` throw as D1 does when
 * a table is gone (`D1_ERROR: no such table`). Everything else runs against the test's D1 as usual,
 * so a test can fail exactly one step of a request: the key lookup, a session delete, an insert…
 * The thrown message carries the SQL, as the driver's does, so a test can see that it goes nowhere.
 */
export function failingD1(real: D1Database, failing: RegExp): D1Database {
  const targets = new WeakMap<object, D1PreparedStatement>();
  const fails = new WeakSet<object>();
  const failure = (sql: string) => new Error(`D1_ERROR: SQLITE_ERROR: injected failure while running ${sql}`);
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (failing.test(sql) && (property === "first" || property === "all" || property === "run" || property === "raw")) {
          return () => Promise.reject(failure(sql));
        }
        return value.bind(target);
      },
    });
    targets.set(proxy, statement);
    if (failing.test(sql)) fails.add(proxy);
    return proxy;
  };
  const wrapDatabase = <T extends D1Database | D1DatabaseSession>(database: T): T =>
    new Proxy(database, {
      get(target, property) {
        if (property === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
        // A batch is one transaction: it fails as a whole when one of its statements does.
        if (property === "batch") {
          return (statements: D1PreparedStatement[]) =>
            statements.some((s) => fails.has(s))
              ? Promise.reject(failure("batch"))
              : target.batch(statements.map((s) => targets.get(s) ?? s));
        }
        // Sessions (read replication, platform/d1-session.ts) fail the same statements.
        if (property === "withSession")
          return (...args: unknown[]) => wrapDatabase((target as D1Database).withSession(...(args as [string])));
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrapDatabase(real);
}
