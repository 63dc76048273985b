import type { PrismaClient } from "@prisma/client";
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
  // ON CONFLICT DO NOTHING: atomic under concurrent deliveries, and no error mapping needed.
  // Raw SQL: this runs for every message, and skips the query compiler's work.
  const count = await prisma.$executeRaw`
    INSERT INTO "ProcessedUpdate" ("channel", "updateId", "receivedAt")
    VALUES (${channel}::"Channel", ${updateId}, ${at})
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

/** Forget update ids older than `before` (platforms stop re-sending after a day). */
export async function pruneProcessedUpdates(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.processedUpdate.deleteMany({
    where: { receivedAt: { lt: before } },
  });
  return count;
}
