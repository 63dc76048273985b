import type { CommandContext } from "./types.js";

/** The key of the follow-up question a person may owe in a chat (see src/services/conversations). */
export function conversationKey(ctx: CommandContext) {
  return { channel: ctx.message.channel, chatId: ctx.message.chatId, accountId: ctx.account.id };
}
