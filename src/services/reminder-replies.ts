import type { PrismaClient } from "@prisma/client";
import type { ChannelName } from "../channels/types.js";

/** How long a plain message in a chat without reply-to may still answer the last reminder. */
export const REMINDER_REPLY_WINDOW_MS = 14 * 24 * 3_600_000;

/** Which occurrence a reply to a reminder is about, as commands see it. */
export interface ReminderReplies {
  /** The occurrence of the reminder sent as this platform message, if it was one. */
  repliedTo(
    channel: ChannelName,
    chatId: string,
    platformMessageId: string,
  ): Promise<number | undefined>;
  /** The occurrence of the last reminder sent to this chat within the window before `now`. */
  lastSent(channel: ChannelName, chatId: string, now: Date): Promise<number | undefined>;
}

export function reminderReplies(prisma: PrismaClient): ReminderReplies {
  return {
    repliedTo: async (channel, chatId, platformMessageId) => {
      const sent = await prisma.outbox.findFirst({
        where: {
          channel,
          chatId,
          platformMessageId,
          purpose: { startsWith: "reminder:" },
          occurrenceId: { not: null },
        },
      });
      return sent?.occurrenceId ?? undefined;
    },
    lastSent: async (channel, chatId, now) => {
      const last = await prisma.outbox.findFirst({
        where: {
          channel,
          chatId,
          purpose: { startsWith: "reminder:" },
          occurrenceId: { not: null },
          state: "sent",
          sentAt: { gte: new Date(now.getTime() - REMINDER_REPLY_WINDOW_MS) },
        },
        orderBy: { sentAt: "desc" },
      });
      return last?.occurrenceId ?? undefined;
    },
  };
}
