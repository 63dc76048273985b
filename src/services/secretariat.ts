import type { Prisma } from "@prisma/client";
import type { ChannelName } from "../core/messages.js";
import { enqueue } from "./outbox.js";

/**
 * Who a notice for Sở Nội vụ reached: its group(s) on any channel; failing that, the admins'
 * own chats (an admin can pass it on); failing that, nobody — and the caller must not claim it
 * was forwarded.
 */
export type SecretariatRecipient = "secretariat" | "admin" | "nobody";

export interface SecretariatDelivery {
  to: SecretariatRecipient;
  /** Messages newly queued (a repeated purpose is queued once per chat, ever). */
  queued: number;
}

interface Target {
  channel: ChannelName;
  chatId: string;
}

/** Where a notice for the secretariat goes now, read inside the caller's transaction. */
export async function secretariatTargets(
  tx: Prisma.TransactionClient,
): Promise<{ to: SecretariatRecipient; targets: Target[] }> {
  const chats = await tx.chat.findMany({
    where: { purpose: "secretariat", active: true },
    orderBy: { id: "asc" },
  });
  if (chats.length > 0) {
    return {
      to: "secretariat",
      targets: chats.map((chat) => ({ channel: chat.channel, chatId: chat.externalId })),
    };
  }
  const admins = await tx.account.findMany({
    where: { role: "admin", privateChatId: { not: null } },
    orderBy: { id: "asc" },
  });
  const targets = admins.flatMap((admin) =>
    admin.privateChatId ? [{ channel: admin.channel, chatId: admin.privateChatId }] : [],
  );
  return targets.length > 0 ? { to: "admin", targets } : { to: "nobody", targets: [] };
}

/**
 * Queue a message to Sở Nội vụ — its groups, or the admins when it has none — once per purpose
 * and chat, inside the caller's transaction, so that the row exists exactly when the change
 * that caused it is committed. The result says who it reached.
 */
export async function notifySecretariat(
  tx: Prisma.TransactionClient,
  message: { text: string; purpose: string; occurrenceId?: number; now: Date },
): Promise<SecretariatDelivery> {
  const { to, targets } = await secretariatTargets(tx);
  let queued = 0;
  for (const target of targets) {
    const id = await enqueue(
      tx,
      {
        channel: target.channel,
        chatId: target.chatId,
        payload: { text: message.text },
        purpose: message.purpose,
        ...(message.occurrenceId ? { occurrenceId: message.occurrenceId } : {}),
        dedupeKey: `${message.purpose}:${target.channel}:${target.chatId}`,
      },
      message.now,
    );
    if (id !== undefined) queued += 1;
  }
  return { to, queued };
}
