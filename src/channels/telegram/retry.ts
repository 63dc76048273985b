/**
 * Retry for telegraf 4.16.3, which has none: wraps `telegram.callApi` in the style of grammY's
 * auto-retry plugin, and maps the errors the outbox must act on to the channel-boundary types.
 *
 *  - 429: wait `parameters.retry_after` seconds and retry; a wait above the cap is not waited
 *    for: RateLimitedError(retryAfterMs) is thrown at once so the outbox can park the message.
 *  - 5xx and network errors: exponential backoff, at most `maxRetries` retries.
 *  - a try that gets no answer within `timeoutMs` is abandoned and counts as a network error
 *    (telegraf has no timeout of its own: a silent server would hold the send forever).
 *  - 403 (blocked, kicked, deactivated…) and 400 "chat not found": ChatUnavailableError.
 *  - 400 with `parameters.migrate_to_chat_id`: ChatMigratedError(newChatId).
 *  - any other error: thrown at once, unchanged.
 *
 * getMe is tried once: it is only asked at start, and start-up has its own patient wait
 * (src/app/channel-starts.ts), so a platform that is down is not retried twice over.
 *
 * Note: telegraf builds a new Telegram object for every update (ctx.telegram), so install the
 * retry on bot.telegram for outbox sends and use retryMiddleware() for ctx.reply & co.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Readable } from "node:stream";
import type { Logger } from "pino";
import type { Context, MiddlewareFn, Telegram } from "telegraf";
import { z } from "zod";
import { backoffMs } from "../../domain/backoff.js";
import {
  ChatMigratedError,
  ChatUnavailableError,
  RateLimitedError,
} from "../../core/channel-errors.js";

export interface TelegramRetryOptions {
  /** Retries after the first try. Default 5. */
  maxRetries?: number;
  /** Longest `retry_after` we wait for; above it RateLimitedError is thrown. Default 60 000. */
  maxRetryAfterMs?: number;
  /** First backoff for 5xx/network errors, doubling each retry. Default 500. */
  baseDelayMs?: number;
  /** Cap on one backoff. Default 30 000. */
  maxDelayMs?: number;
  /** Longest wait for one answer (uploads included). Default 60 000. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ECONNABORTED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** TelegramError's shape (checked structurally, so a second copy of telegraf still matches). */
const telegramErrorSchema = z.object({
  response: z.object({
    error_code: z.number(),
    description: z.string().default(""),
    parameters: z
      .object({ retry_after: z.number().optional(), migrate_to_chat_id: z.number().optional() })
      .optional(),
  }),
});

/** Telegram's error code (401, 429 …) of a failed Bot API call; undefined for other errors. */
export function telegramErrorCode(error: unknown): number | undefined {
  const parsed = telegramErrorSchema.safeParse(error);
  return parsed.success ? parsed.data.response.error_code : undefined;
}

const errorWithCode = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  code: z.string().optional(),
  errno: z.union([z.string(), z.number()]).optional(),
  type: z.string().optional(),
  cause: z.object({ code: z.string().optional() }).optional(),
});

const installed = new WeakSet<Telegram>();

type ApiSignal = NonNullable<Parameters<Telegram["callApi"]>[2]>["signal"];

export function installRetry(telegram: Telegram, opts: TelegramRetryOptions = {}): void {
  if (installed.has(telegram)) return;
  installed.add(telegram);
  const maxRetries = opts.maxRetries ?? 5;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
  const baseDelayMs = opts.baseDelayMs ?? 500;
  const maxDelayMs = opts.maxDelayMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const sleep = opts.sleep ?? ((ms: number) => delay(ms));
  const original = telegram.callApi.bind(telegram);

  const wrapped: Telegram["callApi"] = async (method, payload, options) => {
    // telegraf's polling loop already retries getUpdates, and must stay abortable.
    if (method === "getUpdates") return original(method, payload, options);
    const retries = method === "getMe" ? 0 : maxRetries;
    for (let retry = 0; ; retry++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const callerSignal = options?.signal as AbortSignal | undefined;
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      try {
        // telegraf types its signal with the abort-controller polyfill; node's is the same thing.
        return await original(method, payload, { ...options, signal: signal as ApiSignal });
      } catch (err) {
        const timedOut = timeout.aborted && !callerSignal?.aborted;
        const decision: Decision = timedOut
          ? { kind: "wait", retryAfterMs: undefined, reason: "timeout" }
          : classify(err, maxRetryAfterMs);
        const retriable =
          decision.kind === "wait" &&
          retry < retries &&
          !callerSignal?.aborted &&
          !hasStream(payload);
        if (!retriable) {
          throw timedOut
            ? new Error(`Telegram ${method}: no answer within ${timeoutMs} ms`)
            : finalError(decision, err, telegram.token);
        }
        const delayMs = decision.retryAfterMs ?? backoffMs(retry + 1, { baseDelayMs, maxDelayMs });
        opts.logger?.warn(
          { method, retry: retry + 1, delayMs, reason: decision.reason },
          "Telegram call failed; retrying",
        );
        await sleep(delayMs);
      }
    }
  };
  telegram.callApi = wrapped;
}

/** Installs the retry on each update's own Telegram object (ctx.telegram). */
export function retryMiddleware(opts: TelegramRetryOptions = {}): MiddlewareFn<Context> {
  return (ctx, next) => {
    installRetry(ctx.telegram, opts);
    return next();
  };
}

type Decision =
  | { kind: "wait"; retryAfterMs: number | undefined; reason: string }
  | { kind: "rate-limited"; retryAfterMs: number | undefined; reason: string }
  | { kind: "unavailable"; reason: string }
  | { kind: "migrated"; newChatId: string; reason: string }
  | { kind: "fatal" };

function classify(err: unknown, maxRetryAfterMs: number): Decision {
  const telegramError = telegramErrorSchema.safeParse(err);
  if (telegramError.success) {
    const { error_code: code, description, parameters } = telegramError.data.response;
    const reason = `${code}: ${description}`;
    if (code === 429) {
      const retryAfterMs =
        parameters?.retry_after === undefined ? undefined : parameters.retry_after * 1000;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
        return { kind: "rate-limited", retryAfterMs, reason };
      }
      return { kind: "wait", retryAfterMs, reason };
    }
    if (parameters?.migrate_to_chat_id !== undefined) {
      return { kind: "migrated", newChatId: String(parameters.migrate_to_chat_id), reason };
    }
    if (
      code === 403 ||
      (code === 400 && /chat not found|group chat was deleted/i.test(description))
    ) {
      return { kind: "unavailable", reason };
    }
    if (code >= 500) return { kind: "wait", retryAfterMs: undefined, reason };
    return { kind: "fatal" };
  }
  const networkCode = networkErrorCode(err);
  if (networkCode) return { kind: "wait", retryAfterMs: undefined, reason: networkCode };
  return { kind: "fatal" };
}

function finalError(decision: Decision, err: unknown, token: string): unknown {
  switch (decision.kind) {
    case "wait":
      // Out of retries: a 429 still means "rate limited", anything else goes up unchanged.
      if (telegramErrorSchema.safeParse(err).data?.response.error_code === 429) {
        return new RateLimitedError(`Telegram ${decision.reason}`, decision.retryAfterMs);
      }
      return redact(err, token);
    case "rate-limited":
      return new RateLimitedError(`Telegram ${decision.reason}`, decision.retryAfterMs);
    case "unavailable":
      return new ChatUnavailableError(`Telegram ${decision.reason}`);
    case "migrated":
      return new ChatMigratedError(`Telegram ${decision.reason}`, decision.newChatId);
    case "fatal":
      return redact(err, token);
  }
}

/** A network failure's code (ECONNREFUSED…), or undefined when `err` is something else. */
function networkErrorCode(err: unknown): string | undefined {
  const parsed = errorWithCode.safeParse(err);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  if (e.name === "AbortError" || e.type === "aborted") return undefined;
  for (const code of [e.code, e.errno, e.cause?.code]) {
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  }
  // node-fetch (telegraf's client) and undici report other transport failures this way.
  if (e.name === "FetchError") return e.type ?? "FetchError";
  if (e.name === "TypeError" && e.message === "fetch failed") return "fetch failed";
  return undefined;
}

/** A stream in the payload was consumed by the failed try: sending it again would send nothing. */
function hasStream(payload: unknown): boolean {
  if (typeof payload !== "object" || payload === null) return false;
  return Object.values(payload).some((value) => {
    if (isReadable(value)) return true;
    if (typeof value === "object" && value !== null && "source" in value) {
      return isReadable(value.source);
    }
    return false;
  });
}

function isReadable(value: unknown): value is Readable {
  return (
    typeof value === "object" &&
    value !== null &&
    "pipe" in value &&
    typeof value.pipe === "function"
  );
}

function redact(err: unknown, token: string): unknown {
  if (err instanceof Error && token !== "" && err.message.includes(token)) {
    err.message = err.message.split(token).join("[REDACTED]");
  }
  return err;
}
