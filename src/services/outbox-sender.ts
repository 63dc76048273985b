/**
 * Drains the outbox under the platforms' sending limits.
 *
 *  - Overall rate per channel and per group chat: a sliding-window limiter in this process.
 *  - One message per chat at a time, in order, spaced by `chatSpacingMs`: enforced by the claim
 *    query in the database, so it holds across replicas too.
 *  - Sends to different chats run concurrently; the loop never waits for a slow send before
 *    claiming more, so one slow or blocked chat does not hold up the others.
 *
 * Failures: 429 → retry after the platform's wait (parked and the admin told when the wait is
 * over the cap); no wait given (Zalo "quota exceeded") → the whole channel backs off
 * exponentially; chat gone → failed, chat deactivated, admin told; group migrated → chat id moved,
 * message re-sent; anything else → exponential backoff, failed after `maxAttempts`.
 */
import type { Chat, Outbox } from "@prisma/client";
import { setTimeout as delay } from "node:timers/promises";
import {
  ChatMigratedError,
  ChatUnavailableError,
  RateLimitedError,
  type ChannelName,
  type OutgoingMessage,
  type SendResult,
} from "../channels/types.js";
import type { Clock } from "../clock.js";
import { SlidingWindowLimiter, type LimitKey, type Permit } from "../domain/rate-limit.js";
import { getDefaultLocale, t, type Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import {
  claimBatch,
  failPendingForChat,
  markFailed,
  markParked,
  markRetry,
  markSent,
  moveChat,
  readPayload,
  type OutboxDb,
} from "./outbox.js";

export interface ChannelLimits {
  /** Messages per second over the whole channel (this process). */
  perSecond: number;
  /** Least time between the end of one send to a chat and the start of the next. */
  chatSpacingMs: number;
  /** Messages per minute to one group chat; undefined: no such limit. */
  groupPerMinute?: number;
  /**
   * Most sends started together: the per-second budget goes out in bursts of this size, spread
   * over the second (a burst of 30 requests at once comes back slower than six of five).
   */
  burst: number;
}

/** Telegram's published guidance; Zalo publishes none, so a conservative guess. */
export const DEFAULT_LIMITS: Record<ChannelName, ChannelLimits> = {
  telegram: { perSecond: 30, chatSpacingMs: 1_000, groupPerMinute: 20, burst: 5 },
  zalo: { perSecond: 10, chatSpacingMs: 1_000, burst: 5 },
  console: { perSecond: 1_000, chatSpacingMs: 0, burst: 100 },
};

export interface RetryPolicy {
  /** Tries before a message fails for good. Default 6. */
  maxAttempts: number;
  /** First wait after a failure, doubling each time. Default 15 s. */
  baseDelayMs: number;
  /** Cap on one wait. Default 15 min. */
  maxDelayMs: number;
}

export interface AdminNotice {
  kind: "parked" | "chat-unavailable" | "failed";
  channel: ChannelName;
  chatId: string;
  outboxId: number;
  reason: string;
  /** Ready to send, in the bot's locale. */
  text: string;
}

export interface OutboxSenderOptions {
  db: OutboxDb;
  send: (channel: ChannelName, message: OutgoingMessage) => Promise<SendResult>;
  clock: Clock;
  logger: Logger;
  /** Channels this process sends on (the running ones); rows of others wait. Default: all. */
  channels?: ChannelName[];
  limits?: Partial<Record<ChannelName, Partial<ChannelLimits>>>;
  notifyAdmin?: (notice: AdminNotice) => Promise<void>;
  /** A claimed row comes back to the queue after this, should this process die. Default 10 min. */
  leaseMs?: number;
  /** Longest platform wait honoured; longer ones park the message. Default 10 min. */
  maxRetryAfterMs?: number;
  /** After parking, the channel sends nothing for this long (a flood ban is usually bot-wide). Default 60 s. */
  parkPauseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Channel-wide backoff on a rate limit without a wait time (Zalo). Defaults 5 s … 5 min. */
  quotaBackoff?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Loop period when idle. Default 250 ms. */
  pollMs?: number;
  /** Bound on stop() waiting for sends in flight. Default 10 s. */
  stopTimeoutMs?: number;
  locale?: Locale;
}

export interface DrainResult {
  sent: number;
  retried: number;
  parked: number;
  failed: number;
  /** Claimed but held back by the limiter; due again when it allows. */
  deferred: number;
}

type Outcome = keyof DrainResult;

export interface OutboxSender {
  /** Claim what is due now, send it, and wait for those sends. */
  drainOnce(): Promise<DrainResult>;
  /** Run the loop in the background. */
  start(): void;
  /** Stop claiming; wait (bounded) for sends in flight. */
  stop(): Promise<void>;
  /** Totals since creation. */
  totals(): DrainResult;
}

const ALL_CHANNELS: ChannelName[] = ["telegram", "zalo", "console"];

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { db, clock, logger } = options;
  const channels = options.channels ?? ALL_CHANNELS;
  const limits = Object.fromEntries(
    ALL_CHANNELS.map((name) => [name, { ...DEFAULT_LIMITS[name], ...options.limits?.[name] }]),
  ) as Record<ChannelName, ChannelLimits>;
  const leaseMs = options.leaseMs ?? 600_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 600_000;
  const parkPauseMs = options.parkPauseMs ?? 60_000;
  const retry: RetryPolicy = {
    maxAttempts: 6,
    baseDelayMs: 15_000,
    maxDelayMs: 900_000,
    ...options.retry,
  };
  const quotaBase = options.quotaBackoff?.baseDelayMs ?? 5_000;
  const quotaMax = options.quotaBackoff?.maxDelayMs ?? 300_000;
  const pollMs = options.pollMs ?? 250;
  const locale = options.locale ?? getDefaultLocale();

  const limiter = new SlidingWindowLimiter();
  const quotaStrikes = new Map<ChannelName, number>();
  const totals: DrainResult = { sent: 0, retried: 0, parked: 0, failed: 0, deferred: 0 };

  const channelKey = (channel: ChannelName): LimitKey => ({
    key: `channel:${channel}`,
    limit: limits[channel].perSecond,
    windowMs: 1_000,
  });
  /** Both per-channel rules: the platform's rate, and our pacing of it into bursts. */
  const channelKeys = (channel: ChannelName): LimitKey[] => {
    const { perSecond, burst } = limits[channel];
    const size = Math.max(1, Math.min(burst, perSecond));
    return [
      channelKey(channel),
      {
        key: `pace:${channel}`,
        limit: size,
        windowMs: (1_000 * size) / perSecond,
        countFrom: "start",
      },
    ];
  };
  const room = (channel: ChannelName, now: Date): number =>
    Math.min(...channelKeys(channel).map((key) => limiter.available(key, now)));

  function keysFor(row: Outbox, chat: Chat | undefined): LimitKey[] {
    const keys = channelKeys(row.channel);
    const perMinute = limits[row.channel].groupPerMinute;
    const isGroup =
      chat?.kind === "group" || (row.channel === "telegram" && row.chatId.startsWith("-"));
    if (isGroup && perMinute !== undefined) {
      keys.push({ key: `group:${row.channel}:${row.chatId}`, limit: perMinute, windowMs: 60_000 });
    }
    return keys;
  }

  function target(row: Outbox, chat: Chat | undefined): string {
    return chat?.title
      ? t("outbox.chat_named", { title: chat.title, chatId: row.chatId }, locale)
      : t("outbox.chat_unnamed", { chatId: row.chatId }, locale);
  }

  function waitText(ms: number): string {
    return ms >= 3_600_000
      ? t("outbox.wait_hours", { hours: Math.round((ms / 3_600_000) * 10) / 10 }, locale)
      : t("outbox.wait_minutes", { minutes: Math.ceil(ms / 60_000) }, locale);
  }

  async function notify(notice: AdminNotice, row: Outbox): Promise<void> {
    // A notice about an admin notice could loop (the admin chat itself is gone): log only.
    if (!options.notifyAdmin || row.purpose.startsWith("admin")) return;
    try {
      await options.notifyAdmin(notice);
    } catch (err) {
      logger.error({ err, outboxId: row.id }, "admin notice failed");
    }
  }

  function backoff(attempt: number, base: number, max: number): number {
    return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  }

  async function deliver(row: Outbox, chat: Chat | undefined): Promise<Outcome> {
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
    const granted = limiter.tryAcquire(keysFor(row, chat), clock.now());
    if (!granted.ok) {
      await markRetry(db, row.id, null, granted.retryAt, { countAttempt: false });
      return "deferred";
    }
    let result: SendResult;
    try {
      result = await sendWithPermit(row, payload.payload, granted.permit);
    } catch (err) {
      return handleFailure(row, chat, err);
    }
    quotaStrikes.delete(row.channel);
    await markSent(db, row.id, result.messageId, clock.now());
    return "sent";
  }

  async function sendWithPermit(
    row: Outbox,
    payload: Omit<OutgoingMessage, "chatId">,
    permit: Permit,
  ): Promise<SendResult> {
    try {
      return await options.send(row.channel, { ...payload, chatId: row.chatId });
    } finally {
      limiter.release(permit, clock.now());
    }
  }

  async function handleFailure(
    row: Outbox,
    chat: Chat | undefined,
    err: unknown,
  ): Promise<Outcome> {
    const now = clock.now();
    const reason = err instanceof Error ? err.message : String(err);
    const log = { outboxId: row.id, channel: row.channel, chatId: row.chatId, reason };

    if (err instanceof RateLimitedError && err.retryAfterMs !== undefined) {
      if (err.retryAfterMs > maxRetryAfterMs) {
        await markParked(db, row.id, reason);
        await pauseChannel(row.channel, new Date(now.getTime() + parkPauseMs));
        logger.warn({ ...log, retryAfterMs: err.retryAfterMs }, "outbox message parked");
        await notify(
          {
            kind: "parked",
            channel: row.channel,
            chatId: row.chatId,
            outboxId: row.id,
            reason,
            text: t(
              "outbox.admin_parked",
              {
                id: row.id,
                target: target(row, chat),
                channel: row.channel,
                wait: waitText(err.retryAfterMs),
                cap: waitText(maxRetryAfterMs),
              },
              locale,
            ),
          },
          row,
        );
        return "parked";
      }
      await markRetry(db, row.id, reason, new Date(now.getTime() + err.retryAfterMs), {
        countAttempt: false,
      });
      logger.info({ ...log, retryAfterMs: err.retryAfterMs }, "outbox message rate limited");
      return "retried";
    }

    if (err instanceof RateLimitedError) {
      // No wait given (Zalo "quota exceeded"): the quota is the bot's, so the channel backs off.
      const strikes = (quotaStrikes.get(row.channel) ?? 0) + 1;
      quotaStrikes.set(row.channel, strikes);
      const until = new Date(now.getTime() + backoff(strikes, quotaBase, quotaMax));
      await pauseChannel(row.channel, until);
      await markRetry(db, row.id, reason, until, { countAttempt: false });
      logger.warn({ ...log, until }, "channel quota exceeded; backing off");
      return "retried";
    }

    if (err instanceof ChatUnavailableError) {
      await markFailed(db, row.id, reason);
      const cancelled = await failPendingForChat(db, row.channel, row.chatId, reason);
      await db.prisma.chat.updateMany({
        where: { channel: row.channel, externalId: row.chatId },
        data: { active: false },
      });
      logger.warn({ ...log, cancelled }, "chat unavailable; deactivated");
      await notify(
        {
          kind: "chat-unavailable",
          channel: row.channel,
          chatId: row.chatId,
          outboxId: row.id,
          reason,
          text: t(
            "outbox.admin_chat_unavailable",
            { target: target(row, chat), channel: row.channel, count: cancelled },
            locale,
          ),
        },
        row,
      );
      return "failed";
    }

    if (err instanceof ChatMigratedError) {
      await moveChat(db, row.channel, row.chatId, err.newChatId);
      await markRetry(db, row.id, reason, now, { countAttempt: false });
      logger.info({ ...log, newChatId: err.newChatId }, "chat migrated; re-sending");
      return "retried";
    }

    if (row.attempts >= retry.maxAttempts) {
      await markFailed(db, row.id, reason);
      logger.error({ ...log, attempts: row.attempts }, "outbox message failed");
      await notify(
        {
          kind: "failed",
          channel: row.channel,
          chatId: row.chatId,
          outboxId: row.id,
          reason,
          text: t(
            "outbox.admin_failed",
            {
              id: row.id,
              target: target(row, chat),
              channel: row.channel,
              attempts: row.attempts,
              error: reason.slice(0, 300),
            },
            locale,
          ),
        },
        row,
      );
      return "failed";
    }
    const wait = backoff(row.attempts, retry.baseDelayMs, retry.maxDelayMs);
    await markRetry(db, row.id, reason, new Date(now.getTime() + wait));
    logger.warn(
      { ...log, attempts: row.attempts, retryInMs: wait },
      "outbox send failed; will retry",
    );
    return "retried";
  }

  async function chatsOf(rows: Outbox[]): Promise<Map<string, Chat>> {
    if (rows.length === 0) return new Map();
    const chats = await db.prisma.chat.findMany({
      where: { OR: rows.map((row) => ({ channel: row.channel, externalId: row.chatId })) },
    });
    return new Map(chats.map((chat) => [`${chat.channel}:${chat.externalId}`, chat]));
  }

  // Rows claimed and waiting for room, per channel: claiming ahead keeps the database round trip
  // out of the gap between a slot freeing and the next send starting.
  const ready = new Map<ChannelName, Array<{ row: Outbox; chat: Chat | undefined }>>(
    channels.map((channel) => [channel, []]),
  );

  async function claim(channel: ChannelName, limit: number): Promise<void> {
    if (limit <= 0) return;
    const now = clock.now();
    const rows = await claimBatch(db, {
      now,
      limit,
      leaseMs,
      channel,
      chatSpacingMs: limits[channel].chatSpacingMs,
    });
    const chats = await chatsOf(rows);
    ready
      .get(channel)
      ?.push(...rows.map((row) => ({ row, chat: chats.get(`${row.channel}:${row.chatId}`) })));
  }

  /** Starts a send for each ready row while the channel has room; one promise per row. */
  function pump(channel: ChannelName): Array<Promise<Outcome>> {
    const queue = ready.get(channel) ?? [];
    const started: Array<Promise<Outcome>> = [];
    while (queue.length > 0 && room(channel, clock.now()) > 0) {
      const next = queue.shift();
      if (!next) break;
      // deliver() takes its limiter slot before its first await, so `room` is current here.
      const outcome = deliver(next.row, next.chat).catch((err: unknown) => {
        // The database failed under us: the lease brings the row back later.
        logger.error({ err, outboxId: next.row.id }, "outbox bookkeeping failed");
        return "retried" as const;
      });
      started.push(
        outcome.then((o) => {
          totals[o] += 1;
          return o;
        }),
      );
    }
    return started;
  }

  /** Nothing goes out on the channel before `until`; rows claimed ahead go back to the queue. */
  async function pauseChannel(channel: ChannelName, until: Date): Promise<void> {
    limiter.pause(channelKey(channel).key, until);
    await giveBack(channel, until);
  }

  /** Gives claimed rows back to the queue (stopping, or the channel is paused until `at`). */
  async function giveBack(channel: ChannelName, at: Date): Promise<void> {
    const queue = ready.get(channel)?.splice(0) ?? [];
    for (const { row } of queue) await markRetry(db, row.id, null, at, { countAttempt: false });
  }

  async function drainOnce(): Promise<DrainResult> {
    const started: Array<Promise<Outcome>> = [];
    for (const channel of channels) {
      await claim(channel, room(channel, clock.now()));
      started.push(...pump(channel));
      // Whatever a refusal left (a group at its limit…) is not kept between calls.
      await giveBack(channel, clock.now());
    }
    const result: DrainResult = { sent: 0, retried: 0, parked: 0, failed: 0, deferred: 0 };
    for (const outcome of await Promise.all(started)) result[outcome] += 1;
    return result;
  }

  // ---- background loop ----
  const inFlight = new Set<Promise<Outcome>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: AbortController | undefined;

  /** Until the first channel with rows waiting has room; the poll period when none does. */
  function nextWait(): number {
    const now = clock.now();
    let wait = pollMs;
    for (const channel of channels) {
      if ((ready.get(channel)?.length ?? 0) === 0) continue;
      const frees = channelKeys(channel).map((key) => limiter.nextFreeAt(key, now));
      // A send in flight: its end (which wakes the loop) tells when.
      if (frees.some((free) => free === undefined)) continue;
      const free = Math.max(...frees.map((at) => at?.getTime() ?? 0));
      wait = Math.min(wait, Math.max(1, free - now.getTime()));
    }
    return wait;
  }

  async function cycle(): Promise<void> {
    for (const channel of channels) {
      const queue = ready.get(channel) ?? [];
      // Refill at half a second's worth, up to a second's: rows never wait long in memory.
      const target = limits[channel].perSecond;
      const paused = limiter.isPaused(channelKey(channel).key, clock.now());
      if (!paused && queue.length <= target / 2) await claim(channel, target - queue.length);
      for (const promise of pump(channel)) {
        inFlight.add(promise);
        void promise.finally(() => {
          inFlight.delete(promise);
          wake?.abort();
        });
      }
    }
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
      const timeoutMs = options.stopTimeoutMs ?? 10_000;
      const timeout = new AbortController();
      const pending = inFlight.size;
      const settled = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        delay(timeoutMs, false, { signal: timeout.signal }).catch(() => false),
      ]);
      timeout.abort();
      // The leases bring unfinished rows back to the queue for the next start.
      if (!settled) logger.warn({ inFlight: pending }, "outbox stopped with sends in flight");
    },
    totals: () => ({ ...totals }),
  };
}
