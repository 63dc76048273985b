/**
 * What the outbox sender does when a send fails: a pure decision from the error, the row and the
 * policy (no database, no clock of its own), so every branch is unit-tested without either. The
 * sender carries the decision out (outbox-sender.ts).
 *
 *  - 429 with a wait within the cap → retry after exactly that wait (not counted as a try);
 *  - 429 with a longer wait → park the message, pause the channel, tell the admin;
 *  - rate limited with no wait (Zalo "quota exceeded") → the whole channel backs off, doubling with
 *    each strike in a row (the quota is the bot's, not the chat's);
 *  - chat gone (blocked, deleted) → drop the chat: this and its pending messages fail, the chat
 *    is deactivated, the admin is told;
 *  - group migrated → move the chat to its new id and re-send now;
 *  - anything else (5xx, network) → retry with backoff; give up after `maxAttempts` tries and tell
 *    the admin. An attachment (photo, document) has its own, shorter budget (`attachmentRetry`):
 *    while it waits, its chat's later messages wait behind it, so a refused file holds them for
 *    seconds, not minutes; the sender then sends the note its writer left in its place.
 * No admin notice is asked for a message that is itself an admin notice (it could loop).
 */
import {
  ChatMigratedError,
  ChatUnavailableError,
  RateLimitedError,
} from "../core/channel-errors.js";
import { backoffMs, type Backoff } from "../domain/backoff.js";

export interface RetryPolicy extends Backoff {
  /** Tries before a message fails for good. Default 6. */
  maxAttempts: number;
  /** First wait after a failure, doubling each time. Default 15 s. */
  baseDelayMs: number;
  /** Cap on one wait. Default 15 min. */
  maxDelayMs: number;
}

export interface OutboxFailurePolicy {
  retry: RetryPolicy;
  /** Tries and waits for an attachment row. Default 3 tries, 5 s doubling, at most 30 s. */
  attachmentRetry: RetryPolicy;
  /** Longest platform wait honoured; longer ones park the message. Default 10 min. */
  maxRetryAfterMs: number;
  /** After parking, the channel sends nothing for this long (flood bans are bot-wide). Default 60 s. */
  parkPauseMs: number;
  /** Channel-wide backoff on a rate limit without a wait time (Zalo). Default 5 s doubling to 5 min. */
  quotaBackoff: Backoff;
}

export const DEFAULT_OUTBOX_FAILURE_POLICY: OutboxFailurePolicy = {
  retry: { maxAttempts: 6, baseDelayMs: 15_000, maxDelayMs: 900_000 },
  attachmentRetry: { maxAttempts: 3, baseDelayMs: 5_000, maxDelayMs: 30_000 },
  maxRetryAfterMs: 600_000,
  parkPauseMs: 60_000,
  quotaBackoff: { baseDelayMs: 5_000, maxDelayMs: 300_000 },
};

/** What the decision reads of the row that failed. */
export interface FailedRow {
  /** Tries so far, this one included (the claim counts it). */
  attempts: number;
  /** "admin:…" rows are notices to the admin: never answered by another notice. */
  purpose: string;
  /** A photo or document row: retried on `attachmentRetry`. */
  attachment?: boolean;
}

/** What the decision reads of the sender's state at the time of the failure. */
export interface FailureContext {
  now: Date;
  /** Quota refusals in a row on this channel before this one. */
  quotaStrikes: number;
}

export type OutboxFailureAction =
  /** Send the row again at `at`; `countAttempt: false` gives the try back. */
  | { kind: "retry"; at: Date; countAttempt: boolean; reason: string; retryAfterMs?: number }
  /** Nothing goes out on the channel before `until`; the row is retried then, not counted. */
  | { kind: "pause-channel"; until: Date; quotaStrikes: number; reason: string }
  /** Keep the row parked (sent only if someone re-queues it); pause the channel until `until`. */
  | {
      kind: "park";
      pauseChannelUntil: Date;
      retryAfterMs: number;
      reason: string;
      tellAdmin: boolean;
    }
  /** The chat is gone: fail the row and the chat's pending rows, deactivate the chat. */
  | { kind: "drop-chat"; reason: string; tellAdmin: boolean }
  /** The chat has a new id: move it (rows and chat record) and re-send now, not counted. */
  | { kind: "move-chat"; newChatId: string; at: Date; reason: string }
  /** Out of tries: the row fails for good. */
  | { kind: "give-up"; attempts: number; reason: string; tellAdmin: boolean };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

export function decideOutboxFailure(
  error: unknown,
  row: FailedRow,
  policy: OutboxFailurePolicy,
  context: FailureContext,
): OutboxFailureAction {
  const { now } = context;
  const reason = reasonOf(error);
  const tellAdmin = !row.purpose.startsWith("admin");

  if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
    const retryAfterMs = error.retryAfterMs;
    if (retryAfterMs <= policy.maxRetryAfterMs) {
      // The channel's own retry already waited out short waits: this one is per message.
      return {
        kind: "retry",
        at: later(now, retryAfterMs),
        countAttempt: false,
        reason,
        retryAfterMs,
      };
    }
    return {
      kind: "park",
      pauseChannelUntil: later(now, policy.parkPauseMs),
      retryAfterMs,
      reason,
      tellAdmin,
    };
  }
  if (error instanceof RateLimitedError) {
    const quotaStrikes = context.quotaStrikes + 1;
    const until = later(now, backoffMs(quotaStrikes, policy.quotaBackoff));
    return { kind: "pause-channel", until, quotaStrikes, reason };
  }
  if (error instanceof ChatUnavailableError) return { kind: "drop-chat", reason, tellAdmin };
  if (error instanceof ChatMigratedError) {
    return { kind: "move-chat", newChatId: error.newChatId, at: now, reason };
  }
  const retry = row.attachment ? policy.attachmentRetry : policy.retry;
  if (row.attempts >= retry.maxAttempts) {
    return { kind: "give-up", attempts: row.attempts, reason, tellAdmin };
  }
  const wait = backoffMs(row.attempts, retry);
  return { kind: "retry", at: later(now, wait), countAttempt: true, reason };
}
