import { Telegraf, type Telegram } from "telegraf";
import type { Update } from "telegraf/types";
import type { Logger } from "../../logger.js";
import { escapeHtml } from "../escape-html.js";
import { secretMatches } from "../secret.js";
import { splitHtml } from "../split-html.js";
import {
  type IncomingFile,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type SendResult,
} from "../../core/messages.js";
import { CredentialsRejectedError, FileTooLargeError } from "../../core/channel-errors.js";
import {
  type Channel,
  type SendOptions,
  type StoreInbound,
  type WebhookHeaders,
} from "../types.js";
import { installRetry, retryMiddleware, telegramErrorCode } from "./retry.js";
import { telegramCapabilities } from "./capabilities.js";

/** The Bot API lets a bot download files up to 20 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;
export const TELEGRAM_SECRET_HEADER = "x-telegram-bot-api-secret-token";

export interface TelegramChannelOptions {
  token: string;
  apiRoot?: string | undefined;
  webhook?: { url: string; secret: string } | undefined;
  /** Where webhook updates go before Telegram gets its 200 (required with `webhook`). */
  storeInbound?: StoreInbound;
  /** Command menu (setMyCommands), Vietnamese descriptions. */
  menu: { command: string; description: string }[];
  logger: Logger;
}

export interface WebhookAnswer {
  status: number;
}

export class TelegramChannel implements Channel {
  readonly name = "telegram" as const;
  readonly capabilities = telegramCapabilities;
  readonly bot: Telegraf;
  private handler: MessageHandler | undefined;
  private polling = false;

  constructor(private readonly options: TelegramChannelOptions) {
    if (options.webhook && !options.storeInbound) {
      throw new Error("a Telegram webhook needs somewhere to store updates");
    }
    this.bot = new Telegraf(options.token, {
      telegram: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false },
      handlerTimeout: 60_000,
    });
    installRetry(this.bot.telegram, { logger: options.logger });
    // telegraf builds a new Telegram object per update: ctx.* calls need the retry too.
    this.bot.use(retryMiddleware({ logger: options.logger }));
    this.bot.on("message", async (ctx) => {
      const incoming = this.forUs(fromMessageUpdate(ctx.update));
      if (incoming && this.handler) await this.handler(incoming);
    });
    this.bot.on("callback_query", async (ctx) => {
      const incoming = fromCallbackUpdate(ctx.update);
      // Stop the button's spinner at once; the answer comes as a message.
      await ctx.answerCbQuery().catch(() => undefined);
      if (incoming && this.handler) await this.handler(incoming);
    });
    this.bot.catch((error) => {
      options.logger.error({ err: error }, "telegram update failed");
    });
  }

  async start(handler: MessageHandler): Promise<void> {
    this.handler = handler;
    this.bot.botInfo ??= await this.bot.telegram.getMe().catch((error: unknown) => {
      // 401: a revoked or mistyped token; 404: a token Telegram cannot even parse.
      const code = telegramErrorCode(error);
      if (code === 401 || code === 404) {
        throw new CredentialsRejectedError("Telegram", "TELEGRAM_BOT_TOKEN", `getMe ${code}`);
      }
      throw error;
    });
    // The menu is a convenience: never hold start-up (or its retries) on it.
    void this.bot.telegram
      .setMyCommands(this.options.menu)
      .catch((error: unknown) => this.options.logger.warn({ err: error }, "setMyCommands failed"));
    if (this.options.webhook) {
      await this.bot.telegram.setWebhook(this.options.webhook.url, {
        secret_token: this.options.webhook.secret,
        allowed_updates: ["message", "callback_query"],
      });
      this.options.logger.info({ url: this.options.webhook.url }, "telegram webhook set");
      return;
    }
    this.polling = true;
    void this.bot
      .launch({ allowedUpdates: ["message", "callback_query"] })
      .catch((error: unknown) =>
        this.options.logger.error({ err: error }, "telegram polling stopped"),
      );
    this.options.logger.info({ bot: this.bot.botInfo.username }, "telegram long polling started");
  }

  /**
   * Webhook entry: the secret header is checked before anything else; the update is stored in
   * the database and Telegram gets its 200 at once. The inbound worker handles it from there,
   * so a slow handler never makes Telegram re-send, and a crash never loses an answered update.
   * 503 when the update could not be stored: Telegram then delivers it again later.
   */
  async handleWebhook(headers: WebhookHeaders, body: unknown): Promise<WebhookAnswer> {
    const store = this.options.storeInbound;
    if (!store || !this.webhookAuthorized(headers)) return { status: 401 };
    if (!isUpdate(body)) return { status: 400 };
    let fresh: boolean;
    try {
      fresh = await store(String(body.update_id), body);
    } catch (error) {
      this.options.logger.error({ err: error }, "telegram update could not be stored");
      return { status: 503 };
    }
    if (fresh && "callback_query" in body) {
      // Stop the button's spinner at once; the answer comes as a message.
      void this.bot.telegram.answerCbQuery(body.callback_query.id).catch(() => undefined);
    }
    return { status: 200 };
  }

  /** The webhook secret Telegram sends back in its header (checked before the body is read). */
  webhookAuthorized(headers: WebhookHeaders): boolean {
    const secret = this.options.webhook?.secret;
    return secret !== undefined && secretMatches(headers[TELEGRAM_SECRET_HEADER], secret);
  }

  decodeStored(payload: unknown): IncomingMessage | null {
    if (!isUpdate(payload)) return null;
    if ("message" in payload) return this.forUs(fromMessageUpdate(payload)) ?? null;
    if ("callback_query" in payload) return fromCallbackUpdate(payload) ?? null;
    return null;
  }

  /**
   * A file a person sent: getFile, then GET {apiRoot}/file/bot<token>/<file_path>, read up to
   * `maxBytes` (at most Telegram's 20 MB). The size is checked before anything is fetched when
   * Telegram tells it, and again while reading.
   */
  async downloadFile(file: IncomingFile, maxBytes: number): Promise<Buffer> {
    const limit = Math.min(maxBytes, TELEGRAM_DOWNLOAD_LIMIT);
    if (file.size !== undefined && file.size > limit) throw new FileTooLargeError(file.size, limit);
    const info = await this.bot.telegram.getFile(file.id);
    if (info.file_size !== undefined && info.file_size > limit)
      throw new FileTooLargeError(info.file_size, limit);
    if (!info.file_path) throw new Error("telegram getFile gave no file_path");
    const url = await this.bot.telegram.getFileLink(info);
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    // The URL holds the token: never put it in an error.
    if (!response.ok || !response.body)
      throw new Error(`telegram file download failed: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw new FileTooLargeError(total, limit);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }

  /** A command addressed to another bot ("/start@OtherBot" in a group) is not for us: dropped. */
  private forUs(message: IncomingMessage | undefined): IncomingMessage | undefined {
    if (!message) return undefined;
    return addressedToOtherBot(message.text, this.bot.botInfo?.username) ? undefined : message;
  }

  async send(message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    const telegram = withSignal(this.bot.telegram, options.signal);
    if (message.editMessageId) return this.edit(telegram, message, message.editMessageId);
    const keyboard = message.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: message.buttons.map((row) =>
              row.map((b) => ({ text: b.label, callback_data: b.data })),
            ),
          },
        }
      : {};
    const replyTo = message.replyToMessageId
      ? {
          reply_parameters: {
            message_id: Number(message.replyToMessageId),
            allow_sending_without_reply: true,
          },
        }
      : {};
    let lastId = "";
    if (message.photo?.path || message.photo?.url) {
      const source = message.photo.path
        ? { source: message.photo.path }
        : { url: message.photo.url ?? "" };
      const sent = await telegram.sendPhoto(message.chatId, source, {
        ...(message.photo.caption ? { caption: message.photo.caption.slice(0, 1024) } : {}),
      });
      lastId = String(sent.message_id);
    }
    // Plain text is escaped first, so that the cut counts what Telegram counts; a cut never
    // falls inside a tag or an entity.
    const html = message.format === "html" ? message.text : escapeHtml(message.text);
    const parts = splitHtml(html, this.capabilities.textLimit);
    for (const [index, part] of parts.entries()) {
      const last = index === parts.length - 1;
      const sent = await telegram.sendMessage(message.chatId, part, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(index === 0 ? replyTo : {}),
        ...(last ? keyboard : {}),
      });
      lastId = String(sent.message_id);
    }
    if (message.document) {
      const sent = await telegram.sendDocument(message.chatId, {
        source: message.document.path,
        filename: message.document.filename,
      });
      lastId = String(sent.message_id);
    }
    return { messageId: lastId };
  }

  /**
   * editMessageText: the new text (cut to one message) and the given buttons, or none. A message
   * that can no longer be edited (deleted, too old) or already reads so is logged and left: the
   * reply sent with the report has already said what was recorded.
   */
  private async edit(
    telegram: Telegram,
    message: OutgoingMessage,
    messageId: string,
  ): Promise<SendResult> {
    const html = message.format === "html" ? message.text : escapeHtml(message.text);
    const [text = ""] = splitHtml(html, this.capabilities.textLimit);
    const inlineKeyboard = (message.buttons ?? []).map((row) =>
      row.map((b) => ({ text: b.label, callback_data: b.data })),
    );
    try {
      await telegram.editMessageText(message.chatId, Number(messageId), undefined, text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: inlineKeyboard },
      });
    } catch (error) {
      const code = (error as { response?: { error_code?: unknown } }).response?.error_code;
      if (code !== 400) throw error;
      this.options.logger.warn(
        { err: error, chatId: message.chatId, messageId },
        "telegram message not edited",
      );
    }
    return { messageId };
  }

  async stop(): Promise<void> {
    if (this.polling) {
      this.polling = false;
      try {
        this.bot.stop("shutdown");
      } catch {
        // stop() throws when polling never started; nothing to stop then.
      }
    }
  }
}

/** The same Telegram client, with every call it makes abortable by `signal`. */
function withSignal(telegram: Telegram, signal: AbortSignal | undefined): Telegram {
  if (!signal) return telegram;
  const scoped = Object.create(telegram) as Telegram;
  // sendMessage, sendPhoto… all go through this.callApi: give each call the signal.
  scoped.callApi = (method, payload, options) =>
    telegram.callApi(method, payload, {
      ...options,
      // telegraf types its signal with the abort-controller polyfill; node's is the same thing.
      signal: signal as NonNullable<Parameters<Telegram["callApi"]>[2]>["signal"],
    });
  return scoped;
}

/**
 * "/weather@OtherBot …": a command with a bot name that is not ours. Unknown own name (before
 * getMe): nothing is taken as addressed to another bot.
 */
export function addressedToOtherBot(text: string, ownUsername: string | undefined): boolean {
  const target = /^\/[A-Za-z0-9_]{1,32}@([A-Za-z0-9_]+)(?:\s|$)/.exec(text.trim())?.[1];
  if (!target || !ownUsername) return false;
  return target.toLowerCase() !== ownUsername.toLowerCase();
}

function isUpdate(body: unknown): body is Update {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { update_id?: unknown }).update_id === "number"
  );
}

function displayName(from: { first_name: string; last_name?: string; username?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username || "?";
}

function fromMessageUpdate(update: Update.MessageUpdate): IncomingMessage | undefined {
  const message = update.message;
  if (!message.from) return undefined;
  const document = "document" in message ? message.document : undefined;
  if (!document && !("text" in message)) return undefined;
  const text =
    "text" in message ? message.text : "caption" in message ? (message.caption ?? "") : "";
  const chat = message.chat;
  const reply = "reply_to_message" in message ? message.reply_to_message : undefined;
  return {
    channel: "telegram",
    updateId: String(update.update_id),
    chatId: String(chat.id),
    chatKind: chat.type === "private" ? "private" : "group",
    ...("title" in chat && chat.title ? { chatTitle: chat.title } : {}),
    sender: {
      id: String(message.from.id),
      displayName: displayName(message.from),
      isBot: message.from.is_bot,
    },
    text,
    ...(document
      ? {
          file: {
            id: document.file_id,
            name: document.file_name ?? "",
            ...(document.file_size !== undefined ? { size: document.file_size } : {}),
            ...(document.mime_type ? { mimeType: document.mime_type } : {}),
          },
        }
      : {}),
    messageId: String(message.message_id),
    ...(reply ? { replyToMessageId: String(reply.message_id) } : {}),
    receivedAt: new Date(message.date * 1000),
  };
}

function fromCallbackUpdate(update: Update.CallbackQueryUpdate): IncomingMessage | undefined {
  const query = update.callback_query;
  if (!("data" in query) || !query.message) return undefined;
  const chat = query.message.chat;
  return {
    channel: "telegram",
    updateId: String(update.update_id),
    chatId: String(chat.id),
    chatKind: chat.type === "private" ? "private" : "group",
    sender: {
      id: String(query.from.id),
      displayName: displayName(query.from),
      isBot: query.from.is_bot,
    },
    text: "",
    callbackData: query.data,
    messageId: String(query.message.message_id),
    replyToMessageId: String(query.message.message_id),
    receivedAt: new Date(),
  };
}
