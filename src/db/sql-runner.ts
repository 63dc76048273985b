import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

/** One connection's worth of raw SQL: for migrations and session-level advisory locks. */
export interface SqlSession {
  /** Several statements at once (simple query protocol), no parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface SqlRunner {
  /** Run `work` on one connection held for its whole duration. */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  const session: SqlSession = {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
  };
  // PGlite is one connection: serialise sessions so that two never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    withSession(work) {
      const run = queue.then(() => work(session));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export function pgRunner(pool: Pool): SqlRunner {
  return {
    async withSession(work) {
      const client: PoolClient = await pool.connect();
      // A held connection that dies emits "error"; with no listener that ends the process. The
      // statement in flight fails on its own; the dead connection is dropped on release.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on("error", onError);
      try {
        return await work({
          async exec(sql) {
            await client.query(sql);
          },
          async query<T>(sql: string, params: unknown[] = []) {
            const result = await client.query(sql, params);
            return result.rows as T[];
          },
        });
      } finally {
        client.removeListener("error", onError);
        client.release(lost);
      }
    },
  };
}
