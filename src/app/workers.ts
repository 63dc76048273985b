/**
 * What runs beside intake: the inbound worker (webhook updates from the inbox), the outbox
 * sender and the minute tick. Built once the channels are up; stopped after intake has stopped.
 */
import { setTimeout as delay } from "node:timers/promises";
import type {
  ChannelName,
  IncomingMessage,
  OutgoingMessage,
  SendResult,
} from "../core/messages.js";
import type { Channel, StoreInbound } from "../channels/types.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { t } from "../i18n.js";
import type { Logger } from "../logger.js";
import { createJobs } from "../scheduler/jobs.js";
import { startScheduler } from "../scheduler/scheduler.js";
import type { FileStore } from "../services/files.js";
import { storeStorable } from "../services/inbound.js";
import { storablePayload, storedForm, unreadableReason } from "../services/inbound-payload.js";
import { createInboundWorker, type InboundWorker } from "../workers/inbound-worker.js";
import { startLeaseKeeper } from "../workers/lease-keeper.js";
import { createOutboxSender } from "../workers/outbox-sender.js";
import { notifySecretariat } from "../services/secretariat.js";
import { loadWorkCalendar } from "../services/work-calendar.js";

/**
 * Webhook updates are stored first and handled by the inbound worker, which starts after the
 * channels: the inbox wakes it once it is there.
 */
export interface Inbox {
  storeFor(channel: ChannelName): StoreInbound;
  attach(worker: InboundWorker): void;
}

export function createInbox(db: Database, clock: Clock): Inbox {
  let worker: InboundWorker | undefined;
  return {
    storeFor: (channel) => async (updateId, payload) => {
      const now = clock.now();
      const storable = storablePayload(payload);
      const admission = worker?.admit();
      let fresh = false;
      try {
        fresh = await storeStorable(db.prisma, channel, updateId, storable, now, admission?.lease);
      } finally {
        admission?.stored(
          fresh
            ? {
                channel,
                updateId,
                // Handled as a claim would see it: the stub, or the cleaned characters.
                payload: storedForm(payload, storable),
                attempts: admission.lease ? 1 : 0,
                receivedAt: now,
              }
            : null,
        );
      }
      return fresh;
    },
    attach(next) {
      worker = next;
    },
  };
}

export interface WorkerDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  channels: Map<ChannelName, Channel>;
  send(
    channel: ChannelName,
    message: OutgoingMessage,
    options?: { signal?: AbortSignal },
  ): Promise<SendResult>;
  files: FileStore;
  /** Handles one incoming message that was recorded already. */
  handle(message: IncomingMessage): Promise<void>;
  /** Some channel receives by webhook: run the inbound worker. */
  inbox: Inbox | undefined;
  /** Run the minute tick and the outbox sender loop. */
  background: boolean;
}

export interface Workers {
  /**
   * Stop claiming; let what is being handled, the tick and the sends in flight finish for a
   * few seconds (slow sends are aborted); give back in the database whatever this process still
   * holds. Bounded: well within the 10 s the process has to stop.
   */
  stop(): Promise<void>;
}

/** The minute tick is given this long to finish at a stop; its transaction is rolled back after. */
const TICK_STOP_MS = 4_000;

export async function startWorkers(deps: WorkerDeps): Promise<Workers> {
  const { config, db, logger, clock, channels } = deps;
  const secretariat = (text: string, purpose: string) =>
    db.prisma.$transaction((tx) => notifySecretariat(tx, { text, purpose, now: clock.now() }));

  // Before anything claims: a claim by a process that never beat could be taken back.
  const leases = await startLeaseKeeper({
    prisma: db.prisma,
    clock,
    logger: logger.child({ part: "leases" }),
  });

  let inbound: InboundWorker | undefined;
  if (deps.inbox) {
    inbound = createInboundWorker({
      prisma: db.prisma,
      clock,
      logger: logger.child({ part: "inbound" }),
      async onGiveUp(update, chatId, error) {
        const text = unreadableReason(update.payload)
          ? t(
              "outbox.admin_inbound_unreadable",
              { channel: update.channel, updateId: update.updateId },
              config.locale,
            )
          : t(
              "outbox.admin_inbound_failed",
              {
                channel: update.channel,
                updateId: update.updateId,
                chatId: chatId ?? "?",
                attempts: update.attempts,
                error: error.slice(0, 300),
              },
              config.locale,
            );
        await secretariat(text, `admin:inbound:${update.channel}:${update.updateId}`);
      },
      prepare(update) {
        const message = channels.get(update.channel)?.decodeStored?.(update.payload);
        if (!message) return null;
        return {
          orderKey: `${message.channel}:${message.chatId}`,
          chatId: message.chatId,
          run: () => deps.handle(message),
        };
      },
    });
    deps.inbox.attach(inbound);
    inbound.start();
  }

  const sender = createOutboxSender({
    db,
    send: deps.send,
    clock,
    logger: logger.child({ part: "outbox" }),
    channels: [...channels.keys()],
    locale: config.locale,
    notifyAdmin: async (notice) => {
      await secretariat(notice.text, `admin:${notice.kind}:${notice.outboxId}`);
    },
  });
  let scheduler: { stop(): Promise<void> } | undefined;
  if (deps.background) {
    sender.start();
    const jobs = createJobs({
      files: deps.files,
      dataDir: config.dataDir,
      publicBaseUrl: config.publicBaseUrl,
      db,
      calendar: await loadWorkCalendar(),
      logger: logger.child({ part: "tick" }),
      locale: config.locale,
      auditRetentionDays: config.auditRetentionDays,
    });
    scheduler = startScheduler({ db, jobs, clock, logger });
  }
  return {
    async stop() {
      // All at once, each bounded: nothing new is claimed from here on.
      const tick = scheduler?.stop();
      await Promise.all([
        inbound?.stop(),
        sender.stop(),
        tick && Promise.race([tick, delay(TICK_STOP_MS, undefined, { ref: false })]),
      ]);
      // Claimed and not finished (admitted webhook updates included): due now, for the next
      // process or another replica; nothing waits for a lease to run out.
      await leases.stop();
    },
  };
}
