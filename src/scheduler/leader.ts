import type { Database } from "../db/client.js";

/** Advisory-lock keys: one per kind of work, so that replicas share it out. */
export const LOCK_KEYS = {
  tick: 74_218_302,
} as const;

/**
 * Run `work` only if this process obtains the advisory lock; other replicas skip the tick.
 * The lock is session-level on one held connection and released at once afterwards.
 * Correctness never rests on the lock alone: reminders and outbox rows are unique by key.
 */
export async function whenLeader<T>(
  db: Database,
  key: number,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (db.mode === "embedded") return { ran: true, result: await work() };
  return db.sql.withSession(async (session) => {
    const [row] = await session.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [key],
    );
    if (!row?.locked) return { ran: false as const };
    try {
      return { ran: true as const, result: await work() };
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [key]);
    }
  });
}
