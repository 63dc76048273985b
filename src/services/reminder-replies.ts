import type { PrismaClient } from "@prisma/client";
import type { ChannelName } from "../core/messages.js";

/** "The last few days": a status typed without a reply is about a reminder at most this old. */
export const OPEN_REMINDER_WINDOW_MS = 7 * 24 * 3_600_000;

/** Which occurrence a reply to a reminder is about, as commands see it. */
export interface ReminderReplies {
  /** The occurrence of the reminder sent as this platform message, if it was one. */
  repliedTo(
    channel: ChannelName,
    chatId: string,
    platformMessageId: string,
  ): Promise<number | undefined>;
  /**
   * The occurrences still open that were reminded in this chat within the window before `now`,
   * most recent reminder first: what a status typed without replying can be about.
   */
  openReminded(channel: ChannelName, chatId: string, now: Date): Promise<number[]>;
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
    openReminded: async (channel, chatId, now) => {
      const sent = await prisma.outbox.findMany({
        where: {
          channel,
          chatId,
          purpose: { startsWith: "reminder:" },
          occurrenceId: { not: null },
          state: "sent",
          sentAt: { gte: new Date(now.getTime() - OPEN_REMINDER_WINDOW_MS) },
        },
        orderBy: { sentAt: "desc" },
        select: { occurrenceId: true },
      });
      const ids = [...new Set(sent.flatMap((row) => (row.occurrenceId ? [row.occurrenceId] : [])))];
      if (ids.length === 0) return [];
      const open = await prisma.occurrence.findMany({
        where: { id: { in: ids }, status: { not: "done" } },
        select: { id: true },
      });
      const isOpen = new Set(open.map((o) => o.id));
      return ids.filter((id) => isOpen.has(id));
    },
  };
}
