import type { Prisma } from "@prisma/client";
import { enqueue } from "./outbox.js";

/**
 * Queue a message to every active secretariat chat (Sở Nội vụ's group), once per purpose and
 * chat, inside the caller's transaction. Returns how many messages were newly queued.
 */
export async function notifySecretariat(
  tx: Prisma.TransactionClient,
  message: { text: string; purpose: string; occurrenceId?: number; now: Date },
): Promise<number> {
  const chats = await tx.chat.findMany({ where: { purpose: "secretariat", active: true } });
  let queued = 0;
  for (const chat of chats) {
    const id = await enqueue(
      tx,
      {
        channel: chat.channel,
        chatId: chat.externalId,
        payload: { text: message.text },
        purpose: message.purpose,
        ...(message.occurrenceId ? { occurrenceId: message.occurrenceId } : {}),
        dedupeKey: `${message.purpose}:${chat.channel}:${chat.externalId}`,
      },
      message.now,
    );
    if (id !== undefined) queued += 1;
  }
  return queued;
}
