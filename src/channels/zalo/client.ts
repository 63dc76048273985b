/**
 * A thin typed client for the Zalo Bot Platform: POST `${apiRoot}/bot${token}/${method}` with a
 * JSON body, answers checked with zod, errors mapped to the channel-boundary error types.
 * The token is part of every URL, so no axios error ever leaves this file (they carry the URL).
 */
import axios from "axios";
import type { Logger } from "pino";
import { z } from "zod";
import { ChatUnavailableError, RateLimitedError } from "../../core/channel-errors.js";
import { jitteredBackoffMs } from "../../domain/backoff.js";
import { realSleep, type BackoffPolicy, type Sleep } from "./backoff.js";
import {
  scrubToken,
  ZaloAbortedError,
  ZaloApiError,
  ZaloNetworkError,
  ZaloProtocolError,
} from "./errors.js";
import {
  zaloBotInfoSchema,
  zaloEnvelopeSchema,
  zaloSentMessageSchema,
  zaloUpdateSchema,
  zaloWebhookInfoSchema,
  type ZaloBotInfo,
  type ZaloSentMessage,
  type ZaloUpdate,
  type ZaloWebhookInfo,
} from "./schemas.js";

export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";

export interface ZaloClientOptions {
  token: string;
  apiRoot?: string;
  /** Per-request timeout; getUpdates adds its long-poll wait on top. Default 15 000 ms. */
  timeoutMs?: number;
  /** Tries per call on 429 "Quota exceeded", 5xx and network errors. Default 5. */
  maxAttempts?: number;
  /** First retry waits about this long, doubling each time. Default 1 000 ms. */
  baseDelayMs?: number;
  /** Cap on one wait. Default 30 000 ms. */
  maxDelayMs?: number;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}

export interface GetUpdatesParams {
  /** Long-poll wait in seconds (sent as a string, as the API documents). Default 30. */
  timeout?: number;
  signal?: AbortSignal;
}

/** Methods addressed to a chat: there a 403 means the chat is gone for us. */
const CHAT_METHODS = new Set(["sendMessage", "sendPhoto", "sendSticker", "sendChatAction"]);

export class ZaloClient {
  private readonly token: string;
  private readonly apiRoot: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly policy: BackoffPolicy;
  private readonly sleep: Sleep;
  private readonly logger: Logger | undefined;

  constructor(options: ZaloClientOptions) {
    this.token = options.token;
    this.apiRoot = (options.apiRoot ?? ZALO_API_ROOT).replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.policy = {
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      random: options.random ?? Math.random,
    };
    this.sleep = options.sleep ?? realSleep;
    this.logger = options.logger;
  }

  /** Who the bot is; `attempts` overrides maxAttempts (start-up tries once and waits itself). */
  getMe(options: { attempts?: number } = {}): Promise<ZaloBotInfo> {
    return this.call("getMe", {}, zaloBotInfoSchema, options);
  }

  /** One update, or null when the long poll ended with nothing new (error 408). */
  async getUpdates(params: GetUpdatesParams = {}): Promise<ZaloUpdate | null> {
    const timeout = params.timeout ?? 30;
    try {
      const result = await this.call(
        "getUpdates",
        { timeout: String(timeout) },
        zaloUpdateSchema.nullish(),
        { signal: params.signal, timeoutMs: timeout * 1000 + this.timeoutMs },
      );
      return result ?? null;
    } catch (err) {
      if (err instanceof ZaloApiError && err.errorCode === 408) return null;
      throw err;
    }
  }

  setWebhook(params: { url: string; secret_token: string }): Promise<ZaloWebhookInfo> {
    return this.call("setWebhook", params, zaloWebhookInfoSchema);
  }

  deleteWebhook(): Promise<ZaloWebhookInfo> {
    return this.call("deleteWebhook", {}, zaloWebhookInfoSchema);
  }

  getWebhookInfo(): Promise<ZaloWebhookInfo> {
    return this.call("getWebhookInfo", {}, zaloWebhookInfoSchema);
  }

  sendMessage(
    params: { chat_id: string; text: string },
    signal?: AbortSignal,
  ): Promise<ZaloSentMessage> {
    return this.call("sendMessage", params, zaloSentMessageSchema, { signal });
  }

  sendPhoto(
    params: { chat_id: string; photo: string; caption?: string },
    signal?: AbortSignal,
  ): Promise<ZaloSentMessage> {
    return this.call("sendPhoto", params, zaloSentMessageSchema, { signal });
  }

  async sendChatAction(params: { chat_id: string; action: "typing" }): Promise<void> {
    await this.call("sendChatAction", params, z.unknown());
  }

  /** Calls `method`, retrying transient failures, and maps the final failure to a typed error. */
  private async call<S extends z.ZodType>(
    method: string,
    body: Record<string, unknown>,
    schema: S,
    options: { signal?: AbortSignal | undefined; timeoutMs?: number; attempts?: number } = {},
  ): Promise<z.output<S>> {
    const maxAttempts = Math.max(1, options.attempts ?? this.maxAttempts);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.once(method, body, options.signal, options.timeoutMs);
        const parsed = schema.safeParse(result);
        if (!parsed.success) throw new ZaloProtocolError(method, parsed.error.message);
        return parsed.data;
      } catch (err) {
        if (!isTransient(err) || attempt >= maxAttempts) throw toBoundaryError(method, err);
        const delayMs = jitteredBackoffMs(attempt, this.policy, this.policy.random);
        this.logger?.warn(
          { method, attempt, delayMs, reason: err instanceof Error ? err.message : String(err) },
          "Zalo call failed; retrying",
        );
        try {
          await this.sleep(delayMs, options.signal);
        } catch {
          throw new ZaloAbortedError(method);
        }
      }
    }
  }

  /** One HTTP exchange: the `result` of an ok answer, else a thrown Zalo*Error. */
  private async once(
    method: string,
    body: Record<string, unknown>,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ): Promise<unknown> {
    if (signal?.aborted) throw new ZaloAbortedError(method);
    let response: { status: number; data: unknown };
    try {
      response = await axios.post<unknown>(`${this.apiRoot}/bot${this.token}/${method}`, body, {
        timeout: timeoutMs ?? this.timeoutMs,
        signal,
        validateStatus: () => true,
        headers: { "Content-Type": "application/json" },
      });
    } catch (err) {
      if (signal?.aborted || axios.isCancel(err)) throw new ZaloAbortedError(method);
      const code = axios.isAxiosError(err) ? err.code : undefined;
      const reason = err instanceof Error ? err.message : String(err);
      throw new ZaloNetworkError(method, scrubToken(reason, this.token), code);
    }
    const envelope = zaloEnvelopeSchema.safeParse(response.data);
    if (!envelope.success) {
      if (response.status >= 400) {
        throw new ZaloApiError(method, response.status, `HTTP ${response.status}`);
      }
      throw new ZaloProtocolError(method, `HTTP ${response.status} without {ok, …} body`);
    }
    if (!envelope.data.ok) {
      const description = scrubToken(envelope.data.description, this.token);
      throw new ZaloApiError(method, envelope.data.error_code, description);
    }
    return envelope.data.result;
  }
}

function isRateLimit(err: ZaloApiError): boolean {
  return err.errorCode === 429 || /quota exceeded/i.test(err.description);
}

function isTransient(err: unknown): boolean {
  if (err instanceof ZaloNetworkError) return true;
  if (err instanceof ZaloApiError) return isRateLimit(err) || err.errorCode >= 500;
  return false;
}

function toBoundaryError(method: string, err: unknown): unknown {
  if (!(err instanceof ZaloApiError)) return err;
  if (isRateLimit(err)) return new RateLimitedError(err.message, undefined);
  if (CHAT_METHODS.has(method) && (err.errorCode === 403 || /block/i.test(err.description))) {
    return new ChatUnavailableError(err.message);
  }
  return err;
}
