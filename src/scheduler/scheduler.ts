import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { TIME_ZONE } from "../domain/calendar/local-date.js";
import { LOCK_KEYS, whenLeader } from "./leader.js";

/** One piece of periodic work. It decides from the database what is due at `at`. */
export interface Job {
  name: string;
  run(at: Date): Promise<void>;
}

export interface TickReport {
  at: Date;
  leader: boolean;
  jobs: { name: string; ok: boolean; ms: number }[];
}

/** Run every job once as if at `at` (also what `vhcv tick --at` does). A failing job does not stop the others. */
export async function runTick(
  db: Database,
  jobs: readonly Job[],
  at: Date,
  logger: Logger,
): Promise<TickReport> {
  const outcome = await whenLeader(db, LOCK_KEYS.tick, async () => {
    const results: TickReport["jobs"] = [];
    for (const job of jobs) {
      const start = performance.now();
      try {
        await job.run(at);
        results.push({ name: job.name, ok: true, ms: performance.now() - start });
      } catch (error) {
        logger.error({ err: error, job: job.name, at: at.toISOString() }, "scheduled job failed");
        results.push({ name: job.name, ok: false, ms: performance.now() - start });
      }
    }
    return results;
  });
  if (!outcome.ran) logger.debug({ at: at.toISOString() }, "another replica holds the tick");
  return { at, leader: outcome.ran, jobs: outcome.ran ? outcome.result : [] };
}

/**
 * One minute's tick as the scheduler runs it: never rejects. A database that is away (the
 * leader check's connect refused, a statement timed out) is logged and the next minute tries
 * again — a background loop must not end the process.
 */
export async function tickSafely(
  db: Database,
  jobs: readonly Job[],
  at: Date,
  logger: Logger,
): Promise<TickReport | undefined> {
  try {
    return await runTick(db, jobs, at, logger);
  } catch (error) {
    logger.error({ err: error, at: at.toISOString() }, "tick failed; the next minute tries again");
    return undefined;
  }
}

/** A tick every minute; a tick still running when the next is due makes the next one skip. */
export function startScheduler(options: {
  db: Database;
  jobs: readonly Job[];
  clock: Clock;
  logger: Logger;
}): {
  stop(): Promise<void>;
} {
  let running: Promise<unknown> | undefined;
  const task: ScheduledTask = cron.schedule(
    "* * * * *",
    () => {
      if (running) {
        options.logger.warn("previous tick still running; skipping this minute");
        return;
      }
      running = tickSafely(options.db, options.jobs, options.clock.now(), options.logger).finally(
        () => {
          running = undefined;
        },
      );
    },
    { timezone: TIME_ZONE, name: "vhcv-tick" },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
