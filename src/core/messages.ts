/**
 * Messages as the bot sees them, whatever the platform: a channel turns a platform update into an
 * IncomingMessage and an OutgoingMessage into platform calls. Commands and services use only these.
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
  /**
   * Change this earlier message of the bot's instead of sending a new one: its text becomes
   * `text`, its buttons `buttons` (none when absent). Queued only for channels whose
   * capabilities say `edit`.
   */
  editMessageId?: string;
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

/** One line of a rich text: plain text (channels escape it), maybe a heading. */
export interface RichLine {
  text: string;
  /** Bold where the channel has markup. */
  heading?: boolean;
}

/**
 * A text with a little structure, which each channel renders for its own markup and text limit:
 * sections (an empty line between them), each a list of blocks whose lines stay in one message.
 */
export interface RichText {
  sections: RichLine[][][];
}

/** One message's text as a channel will read it. */
export interface RenderedText {
  text: string;
  /** "html": already escaped markup the channel understands (capabilities.markup "html"). */
  format: "plain" | "html";
}
