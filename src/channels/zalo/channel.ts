/**
 * The Zalo channel: long polling (default) or webhook in, sendMessage/sendPhoto out.
 * Zalo has no buttons, no markup and no replies: buttons are dropped, text goes as is.
 */
import type { Logger } from "pino";
import { secretMatches } from "../secret.js";
import { splitText } from "../split-text.js";
import type {
  IncomingMessage,
  MessageHandler,
  OutgoingMessage,
  SendResult,
} from "../../core/messages.js";
import type { Channel, SendOptions, StoreInbound, WebhookHeaders } from "../types.js";
import { jitteredBackoffMs } from "../../domain/backoff.js";
import { realSleep, type BackoffPolicy, type Sleep } from "./backoff.js";
import type { ZaloClient } from "./client.js";
import { ZaloApiError } from "./errors.js";
import { CredentialsRejectedError } from "../../core/channel-errors.js";
import { toIncomingMessage } from "./incoming.js";
import { zaloUpdateSchema, type ZaloUpdate } from "./schemas.js";
import { zaloCapabilities } from "./capabilities.js";

export const ZALO_SECRET_HEADER = "x-bot-api-secret-token";

export interface ZaloChannelOptions {
  client: ZaloClient;
  logger: Logger;
  /** Webhook mode: start() registers the URL; updates then come through handleWebhook(). */
  webhook?: { url: string; secret: string };
  /** Where webhook updates go before Zalo gets its 200 (required with `webhook`). */
  storeInbound?: StoreInbound;
  /** Long-poll wait per getUpdates call, in seconds. Default 30. */
  pollTimeoutSeconds?: number;
  /** Backoff between failed polls. Defaults: 1 000 ms doubling up to 60 000 ms. */
  pollBackoff?: { baseDelayMs?: number; maxDelayMs?: number };
  sleep?: Sleep;
  random?: () => number;
}

export type { WebhookHeaders };

export class ZaloChannel implements Channel {
  readonly name = "zalo" as const;
  readonly capabilities = zaloCapabilities;
  private readonly client: ZaloClient;
  private readonly logger: Logger;
  private readonly webhook: { url: string; secret: string } | undefined;
  private readonly storeInbound: StoreInbound | undefined;
  private readonly pollTimeoutSeconds: number;
  private readonly backoff: BackoffPolicy;
  private readonly sleep: Sleep;
  private handler: MessageHandler | undefined;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(options: ZaloChannelOptions) {
    this.client = options.client;
    this.logger = options.logger;
    this.webhook = options.webhook;
    this.storeInbound = options.storeInbound;
    if (this.webhook && !this.storeInbound) {
      throw new Error("a Zalo webhook needs somewhere to store updates");
    }
    this.pollTimeoutSeconds = options.pollTimeoutSeconds ?? 30;
    this.backoff = {
      baseDelayMs: options.pollBackoff?.baseDelayMs ?? 1_000,
      maxDelayMs: options.pollBackoff?.maxDelayMs ?? 60_000,
      random: options.random ?? Math.random,
    };
    this.sleep = options.sleep ?? realSleep;
  }

  async start(handler: MessageHandler): Promise<void> {
    if (this.handler) throw new Error("ZaloChannel already started");
    // Is the platform there and the token good? Tried once: start-up waits and tries again.
    await this.client.getMe({ attempts: 1 }).catch((error: unknown) => {
      if (error instanceof ZaloApiError && (error.errorCode === 401 || error.errorCode === 404)) {
        throw new CredentialsRejectedError("Zalo", "ZALO_BOT_TOKEN", `getMe ${error.errorCode}`);
      }
      throw error;
    });
    if (this.webhook) {
      await this.client.setWebhook({ url: this.webhook.url, secret_token: this.webhook.secret });
      this.handler = handler;
      this.logger.info({ url: this.webhook.url }, "Zalo webhook registered");
      return;
    }
    // getUpdates is refused while a webhook is set (e.g. left over from an earlier deployment).
    await this.client.deleteWebhook().catch((err: unknown) => {
      this.logger.warn({ err }, "Zalo deleteWebhook failed; polling anyway");
    });
    this.handler = handler;
    this.abort = new AbortController();
    this.loop = this.poll(handler, this.abort.signal);
    this.logger.info("Zalo long polling started");
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.abort = undefined;
    this.loop = undefined;
    this.handler = undefined;
  }

  async send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    const { signal } = options;
    const chatId = message.chatId;
    let lastId: string | undefined;
    for (const part of splitText(message.text, this.capabilities.textLimit)) {
      lastId = (await this.client.sendMessage({ chat_id: chatId, text: part }, signal)).message_id;
    }
    const photo = message.photo;
    if (photo?.url) {
      const caption = photo.caption?.trim() ? photo.caption : undefined;
      const captionFits = caption === undefined || caption.length <= this.capabilities.textLimit;
      const sent = await this.client.sendPhoto(
        {
          chat_id: chatId,
          photo: photo.url,
          ...(caption !== undefined && captionFits ? { caption } : {}),
        },
        signal,
      );
      lastId = sent.message_id;
      if (!captionFits && caption !== undefined) {
        for (const part of splitText(caption, this.capabilities.textLimit)) {
          lastId = (await this.client.sendMessage({ chat_id: chatId, text: part }, signal))
            .message_id;
        }
      }
    } else if (photo) {
      this.logger.warn(
        { chatId },
        "Zalo sends photos by public URL only; photo without url skipped",
      );
    }
    if (message.document) {
      this.logger.warn({ chatId }, "Zalo cannot send documents; document skipped");
    }
    if (lastId === undefined) {
      throw new Error("Zalo send: nothing to send (blank text and no photo URL)");
    }
    return { messageId: lastId };
  }

  /**
   * Handles one webhook POST from Zalo. 401: wrong or missing secret (nothing stored);
   * 400: body is not an update; 404: channel not in webhook mode; 503: not started, or the
   * update could not be stored (Zalo may deliver again). 200 once the update is stored: the
   * inbound worker handles it from the database.
   */
  async handleWebhook(headers: WebhookHeaders, body: unknown): Promise<{ status: number }> {
    if (!this.webhook || !this.storeInbound) return { status: 404 };
    if (!this.webhookAuthorized(headers)) {
      this.logger.warn("Zalo webhook call with a wrong or missing secret token");
      return { status: 401 };
    }
    const parsed = zaloUpdateSchema.safeParse(parseJsonBody(body));
    if (!parsed.success) {
      this.logger.warn(
        { issues: parsed.error.issues.length },
        "Zalo webhook body is not an update",
      );
      return { status: 400 };
    }
    if (!this.handler) return { status: 503 };
    const incoming = this.toIncoming(parsed.data);
    if (!incoming) return { status: 200 };
    try {
      await this.storeInbound(incoming.updateId, parsed.data);
      return { status: 200 };
    } catch (err) {
      this.logger.error({ err, updateId: incoming.updateId }, "Zalo update could not be stored");
      return { status: 503 };
    }
  }

  /** The webhook secret Zalo sends back in its header (checked before the body is read). */
  webhookAuthorized(headers: WebhookHeaders): boolean {
    if (!this.webhook) return false;
    return secretMatches(headerValue(headers, ZALO_SECRET_HEADER), this.webhook.secret);
  }

  decodeStored(payload: unknown): IncomingMessage | null {
    const parsed = zaloUpdateSchema.safeParse(payload);
    return parsed.success ? toIncomingMessage(parsed.data) : null;
  }

  private async poll(handler: MessageHandler, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let update: ZaloUpdate | null;
      try {
        update = await this.client.getUpdates({ timeout: this.pollTimeoutSeconds, signal });
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures += 1;
        const delayMs = jitteredBackoffMs(failures, this.backoff, this.backoff.random);
        this.logger.warn({ err, failures, delayMs }, "Zalo getUpdates failed; polling again later");
        try {
          await this.sleep(delayMs, signal);
        } catch {
          break;
        }
        continue;
      }
      if (!update) continue;
      const incoming = this.toIncoming(update);
      if (!incoming) continue;
      try {
        await handler(incoming);
      } catch (err) {
        this.logger.error({ err, updateId: incoming.updateId }, "Zalo update handler failed");
      }
    }
  }

  private toIncoming(update: ZaloUpdate): IncomingMessage | null {
    const incoming = toIncomingMessage(update);
    if (!incoming) {
      this.logger.debug(
        { event: update.event_name, messageId: update.message.message_id },
        "Zalo update ignored (not a text message)",
      );
    }
    return incoming;
  }
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}

/** The HTTP layer may hand over the raw body; anything unparsable becomes a 400 later. */
function parseJsonBody(body: unknown): unknown {
  if (typeof body !== "string" && !Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString()) as unknown;
  } catch {
    return undefined;
  }
}
