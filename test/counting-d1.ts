/**
 * The real local D1, wrapped to count the queries a piece of code sends it.
 * Nothing is faked: every statement still runs against the test's D1 and returns its real answer.
 */
export interface CountingD1 {
  db: D1Database;
  /** The SQL of every statement executed, in order. */
  queries: string[];
}

export function countingD1(real: D1Database): CountingD1 {
  const queries: string[] = [];
  // A batch must hand D1 its own statements, not our proxies: remember what each proxy stands for.
  const unwrapped = new WeakMap<D1PreparedStatement, { statement: D1PreparedStatement; sql: string }>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (property === "first" || property === "all" || property === "run" || property === "raw") {
          return (...args: unknown[]) => {
            queries.push(sql);
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
    unwrapped.set(proxy, { statement, sql });
    return proxy;
  };
  const db = new Proxy(real, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (property === "batch") {
        // One transaction, but every statement in it is still a query D1 runs: each is counted.
        return (statements: D1PreparedStatement[]) =>
          target.batch(
            statements.map((item) => {
              const inner = unwrapped.get(item);
              if (!inner) throw new Error("countingD1: batch() of a statement prepared elsewhere");
              queries.push(inner.sql);
              return inner.statement;
            }),
          );
      }
      if (property === "exec" || property === "withSession") {
        throw new Error(`countingD1 does not count ${String(property)}(); extend it before relying on it`);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, queries };
}
