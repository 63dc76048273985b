/**
 * Keeps this process's leases honest: beats every few seconds (so others know it is alive),
 * takes back the leases of holders that stopped beating (a replica killed with -9), and on
 * stop gives back what this process still holds and removes its beat.
 *
 * Start it before anything claims: a claim made before the first beat could be taken back.
 */
import type { PrismaClient } from "@prisma/client";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import {
  beat,
  endHeartbeat,
  HEARTBEAT_EVERY_MS,
  HEARTBEAT_STALE_MS,
  releaseOwnLeases,
  releaseStaleLeases,
  THIS_PROCESS,
  type Released,
} from "../services/leases.js";

export interface LeaseKeeperOptions {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  /** This process's name in leases (tests name several). */
  owner?: string;
  everyMs?: number;
  staleMs?: number;
}

export interface LeaseKeeper {
  /** Beat once and take back dead holders' leases (what the timer does). */
  tick(): Promise<Released>;
  /**
   * Stop beating; give back what this process still holds. Never throws: with the database
   * away, the others take the leases back once the beat is stale (or the next start does).
   */
  stop(): Promise<Released>;
}

/** Beats once (awaited: claims may follow at once), then keeps beating in the background. */
export async function startLeaseKeeper(options: LeaseKeeperOptions): Promise<LeaseKeeper> {
  const { prisma, clock, logger } = options;
  const owner = options.owner ?? THIS_PROCESS;
  const everyMs = options.everyMs ?? HEARTBEAT_EVERY_MS;
  const staleMs = options.staleMs ?? HEARTBEAT_STALE_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  async function tick(): Promise<Released> {
    await beat(prisma, owner);
    const released = await releaseStaleLeases(prisma, clock.now(), { self: owner, staleMs });
    if (released.outbox + released.inbound > 0) {
      logger.warn(released, "took back work held by a process that stopped beating");
    }
    return released;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick()
        .catch((err: unknown) => logger.warn({ err }, "heartbeat failed; trying again shortly"))
        .finally(schedule);
    }, everyMs);
    timer.unref();
  }

  try {
    await beat(prisma, owner);
  } catch (err) {
    // The database is away: the timer tries again; nothing can be claimed meanwhile anyway.
    logger.warn({ err }, "first heartbeat failed; trying again shortly");
  }
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      try {
        const released = await releaseOwnLeases(prisma, clock.now(), owner);
        if (released.outbox + released.inbound > 0) {
          logger.info(released, "gave back claimed work not finished before the stop");
        }
        await endHeartbeat(prisma, owner);
        return released;
      } catch (err) {
        logger.warn({ err }, "could not give back claimed work; the heartbeat's expiry will");
        return { outbox: 0, inbound: 0 };
      }
    },
  };
}
