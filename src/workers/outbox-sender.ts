/**
 * Drains the outbox under the platforms' sending limits.
 *
 *  - Overall rate per channel and per group chat: a sliding-window limiter in this process.
 *  - One message per chat at a time, in order, spaced by `chatSpacingMs`: enforced by the claim
 *    query in the database, so it holds across replicas too.
 *  - Sends to different chats run concurrently; the loop never waits for a send before claiming
 *    and sending more, so one slow or blocked chat does not hold up the others.
 *
 * Failures: what to do is decided by `decideOutboxFailure` (outbox-failure.ts: retry at a time,
 * park, pause the channel, drop or move the chat, give up); this file carries it out.
 */
import type { Chat, Outbox } from "@prisma/client";
import { setTimeout as delay } from "node:timers/promises";
import { capabilitiesOf, CHANNEL_NAMES, sendLimitsOf } from "../channels/capabilities.js";
import type { ChannelName, OutgoingMessage, SendResult } from "../core/messages.js";
import type { Clock } from "../clock.js";
import {
  channelRule,
  channelRules,
  platformMessages,
  sendRules,
  SlidingWindowLimiter,
  type SendLimits,
} from "../domain/rate-limit.js";
import { getDefaultLocale, type Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import { THIS_PROCESS } from "../services/leases.js";
import {
  claimBatch,
  failPendingForChat,
  isAttachment,
  markFailed,
  markParked,
  markRetry,
  markSent,
  moveChat,
  readPayload,
  replaceWithNote,
  undeliveredNoteOf,
  type OutboxDb,
  type OutgoingPayload,
} from "../services/outbox.js";
import {
  decideOutboxFailure,
  DEFAULT_OUTBOX_FAILURE_POLICY,
  type OutboxFailurePolicy,
  type RetryPolicy,
} from "./outbox-failure.js";
import { adminNoticeText, waitText, type AdminNotice } from "./outbox-notice.js";

export type { SendLimits } from "../domain/rate-limit.js";
export type { RetryPolicy } from "./outbox-failure.js";
export type { AdminNotice } from "./outbox-notice.js";

export interface OutboxSenderOptions {
  db: OutboxDb;
  /** `signal` aborts the platform call (stop() ran out of patience): it must then throw. */
  send: (
    channel: ChannelName,
    message: OutgoingMessage,
    options?: { signal?: AbortSignal },
  ) => Promise<SendResult>;
  clock: Clock;
  logger: Logger;
  /** Channels this process sends on (the running ones); rows of others wait. Default: all. */
  channels?: ChannelName[];
  limits?: Partial<Record<ChannelName, Partial<SendLimits>>>;
  /** Told about parked messages, unavailable chats and messages that failed for good. */
  notifyAdmin?: (notice: AdminNotice) => Promise<void>;
  /** A claimed row comes back to the queue after this, should this process die. Default 10 min. */
  leaseMs?: number;
  /** Longest platform wait honoured; longer ones park the message. Default 10 min. */
  maxRetryAfterMs?: number;
  /** After parking, the channel sends nothing for this long (flood bans are bot-wide). Default 60 s. */
  parkPauseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Tries and waits for a photo or document row (shorter: later messages wait behind it). */
  attachmentRetry?: Partial<RetryPolicy>;
  /** Channel-wide backoff on a rate limit without a wait time (Zalo). Default 5 s doubling to 5 min. */
  quotaBackoff?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Loop period when idle. Default 250 ms. */
  pollMs?: number;
  /**
   * How long stop() lets sends in flight finish (default 3 s); then it aborts them and gives
   * their rows back (due now, attempt returned). The whole stop stays within the process's
   * shutdown budget (10 s).
   */
  stopTimeoutMs?: number;
  locale?: Locale;
}

export interface DrainResult {
  sent: number;
  retried: number;
  parked: number;
  failed: number;
  /** Held back by the limiter (a group at its limit…); due again when it allows. */
  deferred: number;
}

type Outcome = keyof DrainResult;
type Claimed = { row: Outbox; chat: Chat | undefined };

export interface OutboxSender {
  /** Claim what may go out now, send it, and wait for those sends. Not while the loop runs. */
  drainOnce(): Promise<DrainResult>;
  /** Run the loop in the background. */
  start(): void;
  /**
   * Stop claiming, give back rows claimed ahead, let sends in flight finish for a bounded time,
   * then abort them and give their rows back. Resolves with the rows still unaccounted for
   * (their bookkeeping did not finish: the caller releases this process's leases).
   */
  stop(): Promise<{ abandoned: number }>;
  /** Totals since creation. */
  totals(): DrainResult;
}

const emptyResult = (): DrainResult => ({ sent: 0, retried: 0, parked: 0, failed: 0, deferred: 0 });

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { db, clock, logger } = options;
  const channels = options.channels ?? CHANNEL_NAMES;
  const limits = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, { ...sendLimitsOf(name), ...options.limits?.[name] }]),
  ) as Record<ChannelName, SendLimits>;
  const leaseMs = options.leaseMs ?? 600_000;
  const defaults = DEFAULT_OUTBOX_FAILURE_POLICY;
  const policy: OutboxFailurePolicy = {
    retry: { ...defaults.retry, ...options.retry },
    attachmentRetry: { ...defaults.attachmentRetry, ...options.attachmentRetry },
    maxRetryAfterMs: options.maxRetryAfterMs ?? defaults.maxRetryAfterMs,
    parkPauseMs: options.parkPauseMs ?? defaults.parkPauseMs,
    quotaBackoff: {
      baseDelayMs: options.quotaBackoff?.baseDelayMs ?? defaults.quotaBackoff.baseDelayMs,
      maxDelayMs: options.quotaBackoff?.maxDelayMs ?? defaults.quotaBackoff.maxDelayMs,
    },
  };
  const pollMs = options.pollMs ?? 250;
  const locale = options.locale ?? getDefaultLocale();

  /** Aborted by stop() once sends in flight have had their time. */
  const stopping = new AbortController();
  const limiter = new SlidingWindowLimiter();
  const quotaStrikes = new Map<ChannelName, number>();
  const totals = emptyResult();
  /** Rows claimed ahead, waiting for room: keeps the claim query out of the gap between sends. */
  const ready = new Map<ChannelName, Claimed[]>(channels.map((channel) => [channel, []]));

  const room = (channel: ChannelName, now: Date): number =>
    Math.min(...channelRules(channel, limits[channel]).map((rule) => limiter.available(rule, now)));

  // ---- one message ----

  async function deliver({ row, chat }: Claimed): Promise<Outcome> {
    const payload = readPayload(row);
    if (!payload.ok) {
      await markFailed(db, row.id, payload.error);
      logger.error({ outboxId: row.id, error: payload.error }, "outbox row has a bad payload");
      return "failed";
    }
    if (chat && !chat.active) {
      await markFailed(db, row.id, "chat inactive");
      return "failed";
    }
    const isGroup = chat?.kind === "group" || capabilitiesOf(row.channel).isGroupChat(row.chatId);
    const granted = limiter.tryAcquire(
      sendRules(row.channel, row.chatId, isGroup, limits[row.channel]),
      clock.now(),
      platformMessages(payload.payload, limits[row.channel]),
    );
    if (!granted.ok) {
      await markRetry(db, row.id, null, granted.retryAt, { countAttempt: false });
      return "deferred";
    }
    let result: SendResult;
    try {
      result = await send(row, payload.payload).finally(() =>
        limiter.release(granted.permit, clock.now()),
      );
    } catch (err) {
      if (stopping.signal.aborted) {
        // Cut by the stop, not the message's fault: back to the queue, due now, for the next
        // process (or replica) to send.
        await markRetry(db, row.id, null, clock.now(), { countAttempt: false });
        logger.info({ outboxId: row.id }, "send cut short by the stop; given back");
        return "retried";
      }
      return handleFailure(row, chat, err, isAttachment(payload.payload));
    }
    quotaStrikes.delete(row.channel);
    await markSent(db, row.id, result.messageId, clock.now());
    return "sent";
  }

  function send(row: Outbox, payload: OutgoingPayload): Promise<SendResult> {
    return options.send(
      row.channel,
      { ...payload, chatId: row.chatId },
      { signal: stopping.signal },
    );
  }

  async function handleFailure(
    row: Outbox,
    chat: Chat | undefined,
    err: unknown,
    attachment: boolean,
  ): Promise<Outcome> {
    const now = clock.now();
    const action = decideOutboxFailure(err, { ...row, attachment }, policy, {
      now,
      quotaStrikes: quotaStrikes.get(row.channel) ?? 0,
    });
    const { reason } = action;
    const log = { outboxId: row.id, channel: row.channel, chatId: row.chatId, reason };

    switch (action.kind) {
      case "retry":
        await markRetry(db, row.id, reason, action.at, { countAttempt: action.countAttempt });
        if (action.retryAfterMs !== undefined) {
          logger.info({ ...log, retryAfterMs: action.retryAfterMs }, "outbox message rate limited");
        } else {
          const retryInMs = action.at.getTime() - now.getTime();
          logger.warn(
            { ...log, attempts: row.attempts, retryInMs },
            "outbox send failed; retrying",
          );
        }
        return "retried";
      case "pause-channel":
        quotaStrikes.set(row.channel, action.quotaStrikes);
        await pauseChannel(row.channel, action.until);
        await markRetry(db, row.id, reason, action.until, { countAttempt: false });
        logger.warn({ ...log, until: action.until }, "channel quota exceeded; backing off");
        return "retried";
      case "park":
        await markParked(db, row.id, reason);
        await pauseChannel(row.channel, action.pauseChannelUntil);
        logger.warn({ ...log, retryAfterMs: action.retryAfterMs }, "outbox message parked");
        if (action.tellAdmin) {
          await notify("parked", row, chat, reason, {
            wait: waitText(action.retryAfterMs, locale),
            cap: waitText(policy.maxRetryAfterMs, locale),
          });
        }
        return "parked";
      case "drop-chat": {
        await markFailed(db, row.id, reason);
        const cancelled = await failPendingForChat(db, row.channel, row.chatId, reason);
        await db.prisma.chat.updateMany({
          where: { channel: row.channel, externalId: row.chatId },
          data: { active: false },
        });
        logger.warn({ ...log, cancelled }, "chat unavailable; deactivated");
        if (action.tellAdmin)
          await notify("chat-unavailable", row, chat, reason, { count: cancelled });
        return "failed";
      }
      case "move-chat":
        await moveChat(db, row.channel, row.chatId, action.newChatId);
        await markRetry(db, row.id, reason, action.at, { countAttempt: false });
        logger.info({ ...log, newChatId: action.newChatId }, "chat migrated; re-sending");
        return "retried";
      case "give-up": {
        // A file that never went is replaced by its writer's note: the chat learns it is missing.
        const note = attachment ? undeliveredNoteOf(row) : undefined;
        if (note) await replaceWithNote(db, row, note, reason, now);
        else await markFailed(db, row.id, reason);
        logger.error(
          { ...log, attempts: action.attempts, noteQueued: note !== undefined },
          "outbox message failed",
        );
        if (action.tellAdmin) {
          await notify("failed", row, chat, reason, {
            attempts: action.attempts,
            error: reason.slice(0, 300),
          });
        }
        return "failed";
      }
    }
  }

  async function notify(
    kind: AdminNotice["kind"],
    row: Outbox,
    chat: Chat | undefined,
    reason: string,
    params: Record<string, string | number>,
  ): Promise<void> {
    if (!options.notifyAdmin) return;
    const text = adminNoticeText(kind, { row, chatTitle: chat?.title ?? null, params }, locale);
    try {
      await options.notifyAdmin({
        kind,
        channel: row.channel,
        chatId: row.chatId,
        outboxId: row.id,
        reason,
        text,
      });
    } catch (err) {
      logger.error({ err, outboxId: row.id }, "admin notice failed");
    }
  }

  // ---- claiming and dispatching ----

  async function claim(channel: ChannelName, limit: number): Promise<void> {
    if (limit <= 0) return;
    const rows = await claimBatch(db, {
      now: clock.now(),
      limit,
      leaseMs,
      channel,
      chatSpacingMs: limits[channel].chatSpacingMs,
      owner: THIS_PROCESS,
    });
    if (rows.length === 0) return;
    const chats = await db.prisma.chat.findMany({
      where: { channel, externalId: { in: rows.map((row) => row.chatId) } },
    });
    const byId = new Map(chats.map((chat) => [chat.externalId, chat]));
    ready.get(channel)?.push(...rows.map((row) => ({ row, chat: byId.get(row.chatId) })));
  }

  /** Starts a send for each ready row while the channel has room; one promise per row. */
  function pump(channel: ChannelName): Array<Promise<Outcome>> {
    const queue = ready.get(channel) ?? [];
    const started: Array<Promise<Outcome>> = [];
    while (queue.length > 0 && room(channel, clock.now()) > 0) {
      const next = queue.shift();
      if (!next) break;
      // deliver() takes its limiter slot before its first await, so `room` is current here.
      const outcome = deliver(next)
        .catch((err: unknown) => {
          // The database failed under us: the lease brings the row back later.
          logger.error({ err, outboxId: next.row.id }, "outbox bookkeeping failed");
          return "retried" as const;
        })
        .then((o) => {
          totals[o] += 1;
          return o;
        });
      started.push(outcome);
    }
    return started;
  }

  /** Gives rows claimed ahead back to the queue, due at `at`. */
  async function giveBack(channel: ChannelName, at: Date): Promise<void> {
    const queue = ready.get(channel)?.splice(0) ?? [];
    for (const { row } of queue) await markRetry(db, row.id, null, at, { countAttempt: false });
  }

  /** Nothing goes out on the channel before `until`; rows claimed ahead go back to the queue. */
  async function pauseChannel(channel: ChannelName, until: Date): Promise<void> {
    limiter.pause(channelRule(channel, limits[channel]).key, until);
    await giveBack(channel, until);
  }

  async function drainOnce(): Promise<DrainResult> {
    const started: Array<Promise<Outcome>> = [];
    for (const channel of channels) {
      await claim(channel, room(channel, clock.now()));
      started.push(...pump(channel));
      await giveBack(channel, clock.now());
    }
    const result = emptyResult();
    for (const outcome of await Promise.all(started)) result[outcome] += 1;
    return result;
  }

  // ---- background loop ----

  const inFlight = new Set<Promise<Outcome>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: AbortController | undefined;

  async function cycle(): Promise<void> {
    for (const channel of channels) {
      const queue = ready.get(channel) ?? [];
      // Keep up to a second's worth claimed, refilling at half: rows never wait long in memory.
      const target = limits[channel].perSecond;
      const paused = limiter.isPaused(channelRule(channel, limits[channel]).key, clock.now());
      if (!paused && queue.length <= target / 2) await claim(channel, target - queue.length);
      for (const promise of pump(channel)) {
        inFlight.add(promise);
        void promise.finally(() => {
          inFlight.delete(promise);
          wake?.abort(); // a slot's end is now known: look again
        });
      }
    }
  }

  /** Until the first channel with rows waiting has room; the poll period when none does. */
  function nextWait(): number {
    const now = clock.now();
    let wait = pollMs;
    for (const channel of channels) {
      if ((ready.get(channel)?.length ?? 0) === 0) continue;
      const frees = channelRules(channel, limits[channel]).map((rule) =>
        limiter.nextFreeAt(rule, now),
      );
      // undefined: a send in flight holds the slot; its end wakes the loop.
      if (frees.some((free) => free === undefined)) continue;
      const free = Math.max(...frees.map((at) => at?.getTime() ?? 0));
      wait = Math.min(wait, Math.max(1, free - now.getTime()));
    }
    return wait;
  }

  /** True when every send in flight has finished within `ms`. */
  async function settledWithin(ms: number): Promise<boolean> {
    if (inFlight.size === 0) return true;
    const timeout = new AbortController();
    const settled = await Promise.race([
      Promise.allSettled([...inFlight]).then(() => true),
      delay(ms, false, { signal: timeout.signal }).catch(() => false),
    ]);
    timeout.abort();
    return settled;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await cycle();
      } catch (err) {
        logger.error({ err }, "outbox claim failed");
      }
      if (!running) break;
      wake = new AbortController();
      await delay(nextWait(), undefined, { signal: wake.signal }).catch(() => undefined);
    }
    for (const channel of channels) await giveBack(channel, clock.now());
  }

  return {
    drainOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.abort();
      await loop;
      loop = undefined;
      if (await settledWithin(options.stopTimeoutMs ?? 3_000)) return { abandoned: 0 };
      const cut = inFlight.size;
      stopping.abort();
      // An aborted send gives its row back itself; a second is enough for that write.
      const settled = await settledWithin(1_000);
      logger.warn({ inFlight: cut }, "outbox stopped: slow sends aborted and given back");
      return { abandoned: settled ? 0 : inFlight.size };
    },
    totals: () => ({ ...totals }),
  };
}
