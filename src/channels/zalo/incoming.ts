import type { IncomingMessage } from "../../core/messages.js";
import type { ZaloUpdate } from "./schemas.js";

export const ZALO_TEXT_EVENT = "message.text.received";

/**
 * A Zalo text update as an IncomingMessage; null for every other event (image, sticker,
 * unsupported), which the bot does not act on. Updates carry no update id: the message id is
 * the de-duplication key.
 */
export function toIncomingMessage(update: ZaloUpdate): IncomingMessage | null {
  const { message } = update;
  // One sample of the official docs shows a text update without event_name.
  const isText = update.event_name === ZALO_TEXT_EVENT || update.event_name === undefined;
  if (!isText || message.text === undefined) return null;
  return {
    channel: "zalo",
    updateId: message.message_id,
    chatId: message.chat.id,
    chatKind: message.chat.chat_type === "GROUP" ? "group" : "private",
    sender: {
      id: message.from.id,
      displayName: message.from.display_name ?? message.from.first_name ?? "",
      isBot: message.from.is_bot ?? false,
    },
    text: message.text,
    messageId: message.message_id,
    receivedAt: new Date(message.date),
  };
}
