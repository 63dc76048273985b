/**
 * The channel boundary. Nothing outside `src/channels/<name>` knows a platform's field names:
 * a platform update becomes an IncomingMessage, an OutgoingMessage becomes a platform call
 * (the neutral message types are in src/core/messages.ts).
 */
import type { ChannelCapabilities } from "../core/channel-capabilities.js";
import type {
  ChannelName,
  IncomingFile,
  IncomingMessage,
  MessageHandler,
  OutgoingMessage,
  SendResult,
} from "../core/messages.js";
/**
 * Stores a webhook update durably before the platform gets its 200 (the inbound worker
 * handles it from there). Resolves false for a re-delivery of an update already stored.
 */
export type StoreInbound = (updateId: string, payload: unknown) => Promise<boolean>;

/** Request headers as node:http hands them over (names in lower case). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/**
 * A channel's webhook endpoint: the HTTP server routes POSTs on `path` to `handle`, after
 * `authorize` has accepted the headers (the platform's secret) and before reading the body.
 */
export interface WebhookRoute {
  path: string;
  authorize(headers: WebhookHeaders): boolean;
  handle(headers: WebhookHeaders, body: unknown): { status: number } | Promise<{ status: number }>;
}

/** A channel that receives by webhook: it checks the secret and handles what the platform posts. */
export interface WebhookReceiver {
  webhookAuthorized(headers: WebhookHeaders): boolean;
  handleWebhook(headers: WebhookHeaders, body: unknown): Promise<{ status: number }>;
}

/** The HTTP route of a channel's webhook, at the path of the URL the platform posts to. */
export function webhookRoute(receiver: WebhookReceiver, url: string): WebhookRoute {
  return {
    path: new URL(url).pathname,
    authorize: (headers) => receiver.webhookAuthorized(headers),
    handle: (headers, body) => receiver.handleWebhook(headers, body),
  };
}

export interface SendOptions {
  /** Aborts the platform call (a stop that cannot wait any longer): the send then throws. */
  signal?: AbortSignal;
}

export interface Channel {
  readonly name: ChannelName;
  /** What the platform can do (text limit, markup, buttons, replies, files, groups). */
  readonly capabilities: ChannelCapabilities;
  /** Begin receiving (polling, stdin, or registering a webhook). */
  start(handler: MessageHandler): Promise<void>;
  send(message: OutgoingMessage, options?: SendOptions): Promise<SendResult>;
  stop(): Promise<void>;
  /** Read back an update its webhook stored; null when it is nothing the bot handles. */
  decodeStored?(payload: unknown): IncomingMessage | null;
  /**
   * Fetch a file a person sent (channels that receive files). Throws FileTooLargeError past
   * `maxBytes`, known before or found during the download.
   */
  downloadFile?(file: IncomingFile, maxBytes: number): Promise<Buffer>;
}
