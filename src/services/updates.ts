import { Prisma, type PrismaClient } from "@prisma/client";
import type { ChannelName } from "../channels/types.js";

/**
 * Record an incoming update; false when it was seen before (platforms re-send on timeouts,
 * Telegram by update_id, Zalo by message_id).
 */
export async function markUpdateProcessed(
  prisma: PrismaClient,
  channel: ChannelName,
  updateId: string,
  at: Date,
): Promise<boolean> {
  try {
    await prisma.processedUpdate.create({ data: { channel, updateId, receivedAt: at } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/** Forget update ids older than `before` (platforms stop re-sending after a day). */
export async function pruneProcessedUpdates(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.processedUpdate.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}
