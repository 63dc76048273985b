/**
 * Starting the channels without giving up on a platform that is down. A channel's start asks the
 * platform who the bot is (getMe) and registers the webhook; when Telegram or Zalo is down (502,
 * refused, silent) that fails. The first try is awaited (so a healthy start is as before); a
 * channel whose first try failed is tried again in the background with the start-up backoff
 * (1 s doubling to 30 s, as for the database) until it starts or the app stops. Meanwhile the
 * other channels, the workers and the webhooks run, and /healthz names it as waiting.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Channel } from "../channels/types.js";
import { CredentialsRejectedError } from "../core/channel-errors.js";
import type { ChannelName, MessageHandler } from "../core/messages.js";
import { START_UP_BACKOFF } from "../bootstrap.js";
import { backoffMs, type Backoff } from "../domain/backoff.js";
import type { Logger } from "../logger.js";

/** Waits `ms`; rejects when `signal` aborts (the app stops). */
export type AbortableWait = (ms: number, signal: AbortSignal) => Promise<void>;

const realWait: AbortableWait = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

export interface ChannelStartOptions {
  logger: Logger;
  /** The platform refused the bot's token: no retry; the process should stop and say so. */
  onCredentialsRejected?(error: CredentialsRejectedError): void;
  backoff?: Backoff;
  wait?: AbortableWait;
}

export interface ChannelStarts {
  /** Channels whose platform has not answered yet (for /healthz). */
  waiting(): ChannelName[];
  /** Resolves once every channel has started, or the waits were stopped. */
  settled: Promise<void>;
  /** Stop waiting; a channel whose start lands after this is stopped again at once. */
  stop(): void;
}

type StartOutcome = "started" | "retry" | "rejected";

/** Start every channel; see the file comment. Never rejects because a platform is down. */
export async function startChannels(
  channels: Iterable<Channel>,
  handler: MessageHandler,
  options: ChannelStartOptions,
): Promise<ChannelStarts> {
  const backoff = options.backoff ?? START_UP_BACKOFF;
  const wait = options.wait ?? realWait;
  const waiting = new Set<ChannelName>();
  const abort = new AbortController();

  /** "retry": try again later; "rejected": never (the token is refused). */
  const tryStart = async (channel: Channel, attempt: number): Promise<StartOutcome> => {
    try {
      await channel.start(handler);
      return "started";
    } catch (error) {
      if (error instanceof CredentialsRejectedError) {
        options.logger.error({ err: error, channel: channel.name }, "platform refused the token");
        options.onCredentialsRejected?.(error);
        return "rejected";
      }
      const retryInMs = backoffMs(attempt, backoff);
      options.logger.warn(
        { err: error, channel: channel.name, attempt, retryInMs },
        "platform unreachable at start; retrying",
      );
      return "retry";
    }
  };

  const keepTrying = async (channel: Channel): Promise<void> => {
    for (let attempt = 1; !abort.signal.aborted; attempt += 1) {
      try {
        await wait(backoffMs(attempt, backoff), abort.signal);
      } catch {
        return;
      }
      if (abort.signal.aborted) return;
      const outcome = await tryStart(channel, attempt + 1);
      if (outcome === "retry") continue;
      waiting.delete(channel.name);
      if (outcome === "rejected") return;
      if (abort.signal.aborted) {
        await channel.stop().catch(() => undefined);
        return;
      }
      options.logger.info({ channel: channel.name, attempts: attempt + 1 }, "platform reached");
      return;
    }
  };

  const first = await Promise.all(
    [...channels].map(async (channel) => ({ channel, outcome: await tryStart(channel, 1) })),
  );
  const loops: Promise<void>[] = [];
  for (const { channel, outcome } of first) {
    if (outcome !== "retry") continue;
    waiting.add(channel.name);
    loops.push(keepTrying(channel));
  }
  return {
    waiting: () => [...waiting],
    settled: Promise.all(loops).then(() => undefined),
    stop: () => abort.abort(),
  };
}
