import type { ChannelCapabilities } from "../../core/channel-capabilities.js";

/** Bot API: 4096 characters a message, HTML parse mode, inline keyboards, replies, uploads. */
export const telegramCapabilities: ChannelCapabilities = {
  textLimit: 4096,
  markup: "html",
  buttons: true,
  edit: true,
  replyTo: true,
  files: "upload",
  groups: true,
  // Group and supergroup ids are negative; private chats are the user's (positive) id.
  isGroupChat: (chatId) => chatId.startsWith("-"),
  perPersonLimit: true,
  // Telegram's published guidance: 30 a second, one a second per chat, 20 a minute per group.
  sendLimits: { perSecond: 30, chatSpacingMs: 1_000, groupPerMinute: 20, burst: 5 },
};
