/**
 * Rows claimed by a worker (outbox messages being sent, webhook updates being handled) carry
 * the claiming process's id. When that process dies, its rows come back once the lease runs out;
 * on the embedded database only one process can ever run, so a new process takes them back at
 * once instead.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "@prisma/client";
import { utcTimestamp } from "../db/sql-time.js";

/** This process, as written into the leases it takes. */
export const THIS_PROCESS = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Give back every lease held by another process: due now, the claim's attempt returned.
 * Only safe when no other process can be running (the embedded database's folder lock).
 */
export async function releaseOrphanedLeases(
  prisma: PrismaClient,
  now: Date,
  self = THIS_PROCESS,
): Promise<{ outbox: number; inbound: number }> {
  const outbox = await prisma.$executeRaw`
    UPDATE "Outbox" SET "nextAttemptAt" = ${utcTimestamp(now)}, "leasedBy" = NULL,
      "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "state" = 'pending' AND "leasedBy" IS NOT NULL AND "leasedBy" <> ${self}`;
  const inbound = await prisma.$executeRaw`
    UPDATE "InboundUpdate" SET "lockedUntil" = NULL, "leasedBy" = NULL,
      "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "state" = 'pending' AND "leasedBy" IS NOT NULL AND "leasedBy" <> ${self}`;
  return { outbox, inbound };
}
