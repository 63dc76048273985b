/**
 * Handles webhook updates from the InboundUpdate table: claims pending rows, runs them with a
 * bounded number in flight (one chat's updates strictly in order), marks each done as soon as it
 * is handled. A row whose handling threw is retried with backoff; rows of a process that died
 * come back when their lease runs out.
 */
import type { PrismaClient } from "@prisma/client";
import type { Clock } from "../clock.js";
import { backoffMs, type Backoff } from "../domain/backoff.js";
import type { Logger } from "../logger.js";
import { unreadableReason } from "../services/inbound-payload.js";
import { THIS_PROCESS } from "../services/leases.js";
import {
  claimInbound,
  failInbound,
  finishInbound,
  type ClaimedInbound,
  type InboundLease,
} from "../services/inbound.js";

export interface PreparedInbound {
  /** Updates with the same key (a chat) are handled one after another, in arrival order. */
  orderKey: string;
  /** The chat, for a notice when the update is given up on. */
  chatId?: string;
  /** Throwing means "not handled, try again later". */
  run(): Promise<void>;
}

export interface InboundWorkerOptions {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  /** Decode a stored update; null when there is nothing to do (not a message we handle). */
  prepare(update: ClaimedInbound): PreparedInbound | null;
  concurrency?: number;
  /** Called once for an update given up on (kept `failed`): someone should know. */
  onGiveUp?(update: ClaimedInbound, chatId: string | undefined, error: string): Promise<void>;
  /** How long a claimed row is ours before another worker may take it (default 2 min). */
  leaseMs?: number;
  /** How often to look for rows stored by other replicas or left by a dead process. */
  pollMs?: number;
  maxAttempts?: number;
  /**
   * How long stop() waits for updates being handled or stored (default 3 s). Their rows stay
   * leased to this process: the caller gives them back (releaseOwnLeases) before exiting.
   */
  stopTimeoutMs?: number;
}

export interface InboundWorker {
  /** Look for work now (called right after a webhook stored an update). */
  wake(): void;
  start(): void;
  /**
   * Stop claiming; wait (bounded) for what is in flight and for admitted updates still being
   * stored. Resolves with how many were still running when the wait ended.
   */
  stop(): Promise<{ unfinished: number }>;
  /** Claim and handle until nothing is pending (tests and `vhcv` tools). */
  drain(): Promise<void>;
  /**
   * Before storing a webhook update: a lease when this worker can take it at once (then it is
   * handled from memory, with no claim round trip); without one it waits in the inbox for a
   * claim. Call `stored` once the write is over.
   */
  admit(): InboundAdmission;
}

export interface InboundAdmission {
  lease: InboundLease | undefined;
  /** The update as stored, or null: a re-delivery, or the write failed. */
  stored(update: ClaimedInbound | null): void;
}

/** True when every promise settled within `ms`. */
async function settledWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failed update is tried again after 5 s, doubling up to 10 min. */
export const INBOUND_RETRY: Backoff = { baseDelayMs: 5_000, maxDelayMs: 600_000 };

export function createInboundWorker(options: InboundWorkerOptions): InboundWorker {
  const { prisma, clock, logger } = options;
  // Above what a platform keeps in flight (Telegram up to 40 connections): an update that finds
  // a free slot is handled from memory, with no claim round trip. Each chat stays in order.
  const concurrency = options.concurrency ?? 64;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const inFlight = new Set<Promise<void>>();
  /** Slots handed out by reserve() whose update is still being stored. */
  let reserved = 0;
  /**
   * Updates were stored for a later claim (the worker was full): until a claim has found the
   * inbox empty, new ones queue behind them too, so that each chat's updates keep their order.
   */
  let backlog = false;
  /** Unleased stores still writing, and how many were ever admitted unleased. */
  let queuedWriting = 0;
  let queuedAdmitted = 0;
  /** The last queued handling of each chat: the next one of that chat waits for it. */
  const chains = new Map<string, Promise<void>>();
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  /** stop() has returned: nothing more is started, not even an admitted update. */
  let closed = false;
  /** Admitted updates still being stored; each resolves when its write is over. */
  const storing = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  /** An update that can never be handled (stored as a stub): given up at once, said once. */
  async function giveUpUnreadable(update: ClaimedInbound, reason: string) {
    logger.warn(
      { channel: update.channel, updateId: update.updateId, reason },
      "inbound update unreadable; given up",
    );
    const { gaveUp } = await failInbound(
      prisma,
      { ...update, attempts: maxAttempts },
      reason,
      clock.now(),
      maxAttempts,
    );
    if (gaveUp) await options.onGiveUp?.(update, undefined, reason);
  }

  async function handleOne(update: ClaimedInbound, prepared: PreparedInbound | null) {
    const unreadable = unreadableReason(update.payload);
    if (unreadable) {
      await giveUpUnreadable(update, `unreadable update (${unreadable})`).catch((error: unknown) =>
        logger.error({ err: error, updateId: update.updateId }, "could not record the failure"),
      );
      return;
    }
    try {
      await prepared?.run();
    } catch (error) {
      const reason = String(error);
      const retryAt = new Date(clock.now().getTime() + backoffMs(update.attempts, INBOUND_RETRY));
      logger.error(
        {
          err: error,
          channel: update.channel,
          updateId: update.updateId,
          attempts: update.attempts,
        },
        "inbound update failed; will retry",
      );
      try {
        const { gaveUp } = await failInbound(prisma, update, reason, retryAt, maxAttempts);
        if (gaveUp) await options.onGiveUp?.(update, prepared?.chatId, reason);
      } catch (markError) {
        logger.error({ err: markError }, "could not record the failure");
      }
      return;
    }
    // If this fails (database lost just now), the lease runs out and the update is handled
    // again: a duplicate answer at worst, never a lost one.
    await finishInbound(prisma, update, clock.now()).catch((error: unknown) =>
      logger.error({ err: error, updateId: update.updateId }, "could not mark update handled"),
    );
  }

  function launch(update: ClaimedInbound) {
    let prepared: PreparedInbound | null = null;
    try {
      prepared = options.prepare(update);
    } catch (error) {
      logger.warn({ err: error, updateId: update.updateId }, "stored update could not be read");
    }
    const key = prepared?.orderKey ?? `${update.channel}:${update.updateId}`;
    const previous = chains.get(key) ?? Promise.resolve();
    const task: Promise<void> = previous.then(() => handleOne(update, prepared));
    chains.set(key, task);
    inFlight.add(task);
    void task.finally(() => {
      inFlight.delete(task);
      if (chains.get(key) === task) chains.delete(key);
      // Claim in batches: once half the slots are free (new arrivals wake the pump anyway).
      if (!stopped && inFlight.size + reserved <= concurrency / 2) void pump();
    });
  }

  async function claimMore(): Promise<number> {
    const free = concurrency - inFlight.size - reserved;
    if (free <= 0) return 0;
    // The claim sees every queued store committed before it starts: if none was writing then
    // and none came since, an unfilled claim means the inbox is empty.
    const sawAllQueued = queuedWriting === 0;
    const admittedBefore = queuedAdmitted;
    const claimed = await claimInbound(prisma, {
      now: clock.now(),
      limit: free,
      leaseMs,
      owner: THIS_PROCESS,
    });
    for (const update of claimed) launch(update);
    if (claimed.length < free && sawAllQueued && queuedAdmitted === admittedBefore) {
      backlog = false;
    }
    return claimed.length === free ? claimed.length : 0;
  }

  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          again = false;
          // A full batch means there may be more: claim again while there is room.
          while ((await claimMore()) > 0 && !stopped);
        } while (again && !stopped);
      } catch (error) {
        logger.warn({ err: error }, "could not claim inbound updates; trying again shortly");
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      void pump().finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    wake() {
      if (!stopped) void pump();
    },
    admit() {
      if (!stopped && !backlog && inFlight.size + reserved < concurrency) {
        reserved += 1;
        let open = true;
        let written: () => void = () => undefined;
        const write = new Promise<void>((resolve) => {
          written = resolve;
        });
        storing.add(write);
        return {
          lease: { owner: THIS_PROCESS, until: new Date(clock.now().getTime() + leaseMs) },
          // Launched even if the worker is stopping: the row is leased to us, and handling it
          // now beats leaving it to the lease. stop() waits for it (bounded); once stop() has
          // returned, the row is left for the release of this process's leases.
          stored(update) {
            if (!open) return;
            open = false;
            reserved -= 1;
            storing.delete(write);
            written();
            if (update && !closed) launch(update);
          },
        };
      }
      backlog = true;
      queuedWriting += 1;
      queuedAdmitted += 1;
      let open = true;
      return {
        lease: undefined,
        stored(update) {
          if (!open) return;
          open = false;
          queuedWriting -= 1;
          if (update && !stopped) void pump();
        },
      };
    },
    start() {
      if (!stopped) return;
      stopped = false;
      closed = false;
      void pump();
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pumping;
      const deadline = Date.now() + (options.stopTimeoutMs ?? 3_000);
      // Stores first (they launch handlings), then the handlings, all within the one bound.
      for (const pending of [storing, inFlight]) {
        const left = deadline - Date.now();
        if (pending.size > 0 && left > 0) await settledWithin([...pending], left);
      }
      closed = true;
      const unfinished = inFlight.size + storing.size;
      if (unfinished > 0) {
        logger.warn({ unfinished }, "inbound stopped with updates unfinished; they are given back");
      }
      return { unfinished };
    },
    async drain() {
      const wasStopped = stopped;
      stopped = false;
      try {
        // pump() claims until a batch comes back short; stop once that leaves nothing running.
        for (;;) {
          await pump();
          if (inFlight.size === 0) break;
          await Promise.allSettled([...inFlight]);
        }
      } finally {
        stopped = wasStopped;
      }
    },
  };
}
