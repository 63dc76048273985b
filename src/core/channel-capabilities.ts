import type { SendLimits } from "../domain/rate-limit.js";

/**
 * What a channel can do, so that services and commands decide by capability, never by the
 * platform's name. Each channel declares its own (src/channels/<name>/capabilities.ts).
 */
export interface ChannelCapabilities {
  /** Longest text one message may carry, in UTF-16 code units; longer texts go as several. */
  textLimit: number;
  /** Markup the channel understands: "html" (bold headings, escaped user data) or none. */
  markup: "html" | "none";
  /** Inline buttons under a message; without them people type a command instead. */
  buttons: boolean;
  /**
   * The bot can change a message it sent (its text, and remove its buttons): a button answer is
   * then shown on the reminder itself. Without it the reply alone confirms what was recorded.
   */
  edit: boolean;
  /** The platform tells which message a message answers (a reply to a reminder). */
  replyTo: boolean;
  /**
   * How an image or a workbook reaches a chat: uploaded as a file, as an expiring link, or
   * "local": written on the machine the person sits at (the console), its path told at once.
   */
  files: "upload" | "link" | "local";
  /** The bot can be in group chats (leadership digests can go to a group). */
  groups: boolean;
  /** Chat ids that are groups by their form alone (a group not yet registered as a chat). */
  isGroupChat(chatId: string): boolean;
  /**
   * Messages count against the per-person limit (20 a minute). Not on the console: that is the
   * operator at the server's keyboard, or a script piped in.
   */
  perPersonLimit: boolean;
  /** How fast the platform lets a bot send (its published guidance, or a cautious guess). */
  sendLimits: Omit<SendLimits, "textLimit">;
}
