/**
 * The channel boundary. Nothing outside `src/channels/<name>` knows a platform's field names:
 * a platform update becomes an IncomingMessage, an OutgoingMessage becomes a platform call.
 */
export type ChannelName = "console" | "telegram" | "zalo";

export type ChatKind = "private" | "group";

export interface Sender {
  /** Platform user id, as a string (Telegram ids exceed 2^31, Zalo ids are opaque strings). */
  id: string;
  displayName: string;
  isBot: boolean;
}

export interface IncomingMessage {
  channel: ChannelName;
  /** Platform update id used for de-duplication (Telegram update_id, Zalo message_id). */
  updateId: string;
  chatId: string;
  chatKind: ChatKind;
  chatTitle?: string;
  sender: Sender;
  text: string;
  /** Platform message id of this message. */
  messageId: string;
  /** Platform message id this message replies to, when the platform tells us. */
  replyToMessageId?: string;
  /** Data of a pressed inline button (Telegram callback_data); text is then empty. */
  callbackData?: string;
  /** A file the person sent (a Telegram document); `text` is then its caption, or "". */
  file?: IncomingFile;
  receivedAt: Date;
}

/** A file sent to the bot, by reference: the channel downloads it only when asked. */
export interface IncomingFile {
  /** The platform's id for fetching it (Telegram file_id). */
  id: string;
  /** File name as sent ("ke-hoach.docx"); "" when the platform gives none. */
  name: string;
  /** Size in bytes, when the platform tells it before the download. */
  size?: number;
  mimeType?: string;
}

/** The file is over the size the bot accepts (or the platform lets a bot download). */
export class FileTooLargeError extends Error {
  constructor(
    readonly size: number | undefined,
    readonly maxBytes: number,
  ) {
    super(`file over ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

export interface Button {
  label: string;
  /** ≤ 64 bytes (Telegram callback_data limit). */
  data: string;
}

export interface OutgoingMessage {
  chatId: string;
  /** Plain text, which channels escape for their own markup — unless `format` says otherwise. */
  text: string;
  /** "html": `text` is already Telegram-safe HTML (user data escaped), in parts ≤ 4096. */
  format?: "plain" | "html";
  /** Rows of inline buttons; channels without buttons ignore them (the text must still work). */
  buttons?: Button[][];
  replyToMessageId?: string;
  /** An image to send with the text: a file path (Telegram upload) or a public URL (Zalo). */
  photo?: { path?: string; url?: string; caption?: string };
  /** A document to send (Telegram sendDocument). */
  document?: { path: string; filename: string };
}

export interface SendResult {
  /** Platform message id of the (last) message sent. */
  messageId: string;
}

/** What a channel hands each incoming message to. Returns when the message is handled. */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/**
 * Stores a webhook update durably before the platform gets its 200 (the inbound worker
 * handles it from there). Resolves false for a re-delivery of an update already stored.
 */
export type StoreInbound = (updateId: string, payload: unknown) => Promise<boolean>;

/** Request headers as node:http hands them over (names in lower case). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** A channel's webhook endpoint: the HTTP server routes POSTs on `path` to `handle`. */
export interface WebhookRoute {
  path: string;
  handle(headers: WebhookHeaders, body: unknown): { status: number } | Promise<{ status: number }>;
}

export interface Channel {
  readonly name: ChannelName;
  /** Begin receiving (polling, stdin, or registering a webhook). */
  start(handler: MessageHandler): Promise<void>;
  send(message: OutgoingMessage): Promise<SendResult>;
  stop(): Promise<void>;
  /** Read back an update its webhook stored; null when it is nothing the bot handles. */
  decodeStored?(payload: unknown): IncomingMessage | null;
  /**
   * Fetch a file a person sent (channels that receive files). Throws FileTooLargeError past
   * `maxBytes`, known before or found during the download.
   */
  downloadFile?(file: IncomingFile, maxBytes: number): Promise<Buffer>;
}

/** A platform refused with "too many requests". `retryAfterMs` is the platform's wait, if given. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}

/** The chat is gone for us: the user blocked the bot, or the chat was deleted. Do not retry. */
export class ChatUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChatUnavailableError";
  }
}

/** A group became a supergroup: the message must go to `newChatId`. */
export class ChatMigratedError extends Error {
  constructor(
    message: string,
    readonly newChatId: string,
  ) {
    super(message);
    this.name = "ChatMigratedError";
  }
}
