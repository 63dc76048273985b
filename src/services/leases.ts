/**
 * Rows claimed by a worker (outbox messages being sent, webhook updates being handled) carry
 * the claiming process's id in "leasedBy". They come back to the queue ("released": holder
 * cleared, the claim's attempt returned, due now) in three ways:
 *
 *  - the process stops cleanly: it releases what it still holds (releaseOwnLeases);
 *  - it dies: every running process beats in "WorkerHeartbeat" every few seconds, and any other
 *    process takes back the leases of a holder whose beat is older than HEARTBEAT_STALE_MS
 *    (releaseStaleLeases) — on PostgreSQL with replicas too, in seconds;
 *  - on the embedded database only one process can run, so a new one takes back every other
 *    holder's leases at once (releaseOrphanedLeases).
 *
 * Beats are written and compared in the database's time, so replicas' clocks need not agree.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Prisma, type PrismaClient } from "@prisma/client";
import { utcTimestamp } from "../db/sql-time.js";

/** This process, as written into the leases it takes. */
export const THIS_PROCESS = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** How often a running process beats. */
export const HEARTBEAT_EVERY_MS = 5_000;
/** A holder silent this long is taken for dead (several missed beats, a slow database). */
export const HEARTBEAT_STALE_MS = 20_000;

export interface Released {
  outbox: number;
  inbound: number;
}

/** The database's time, as the naive UTC timestamps the tables hold. */
const DB_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Give back the pending rows whose holder matches `holder` (a condition on "leasedBy"). */
async function release(
  prisma: PrismaClient,
  now: Date,
  holder: (column: Prisma.Sql) => Prisma.Sql,
): Promise<Released> {
  const outbox = await prisma.$executeRaw`
    UPDATE "Outbox" SET "nextAttemptAt" = ${utcTimestamp(now)}, "leasedBy" = NULL,
      "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "state" = 'pending' AND "leasedBy" IS NOT NULL
      AND ${holder(Prisma.sql`"Outbox"."leasedBy"`)}`;
  const inbound = await prisma.$executeRaw`
    UPDATE "InboundUpdate" SET "lockedUntil" = NULL, "leasedBy" = NULL,
      "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "state" = 'pending' AND "leasedBy" IS NOT NULL
      AND ${holder(Prisma.sql`"InboundUpdate"."leasedBy"`)}`;
  return { outbox, inbound };
}

/**
 * Give back every lease held by another process.
 * Only safe when no other process can be running (the embedded database's folder lock).
 */
export function releaseOrphanedLeases(
  prisma: PrismaClient,
  now: Date,
  self = THIS_PROCESS,
): Promise<Released> {
  return release(prisma, now, (column) => Prisma.sql`${column} <> ${self}`);
}

/** Give back what this process still holds (a clean stop: claimed, not finished). */
export function releaseOwnLeases(
  prisma: PrismaClient,
  now: Date,
  self = THIS_PROCESS,
): Promise<Released> {
  return release(prisma, now, (column) => Prisma.sql`${column} = ${self}`);
}

/**
 * Give back the leases of every other holder that has not beaten within `staleMs` (or never
 * did: a process of a version before heartbeats).
 */
export function releaseStaleLeases(
  prisma: PrismaClient,
  now: Date,
  options: { self?: string; staleMs?: number } = {},
): Promise<Released> {
  const self = options.self ?? THIS_PROCESS;
  const staleMs = Math.round(options.staleMs ?? HEARTBEAT_STALE_MS);
  return release(
    prisma,
    now,
    (column) => Prisma.sql`${column} <> ${self} AND NOT EXISTS (
      SELECT 1 FROM "WorkerHeartbeat" h
      WHERE h."owner" = ${column}
        AND h."heartbeatAt" > ${DB_NOW} - ${staleMs}::integer * interval '1 millisecond')`,
  );
}

/** Record that `owner` is alive now; forget holders silent for a day. */
export async function beat(prisma: PrismaClient, owner = THIS_PROCESS): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "WorkerHeartbeat" ("owner", "startedAt", "heartbeatAt")
    VALUES (${owner}, ${DB_NOW}, ${DB_NOW})
    ON CONFLICT ("owner") DO UPDATE SET "heartbeatAt" = EXCLUDED."heartbeatAt"`;
  await prisma.$executeRaw`
    DELETE FROM "WorkerHeartbeat" WHERE "heartbeatAt" < ${DB_NOW} - interval '1 day'`;
}

/** A clean stop: this process no longer holds anything. */
export async function endHeartbeat(prisma: PrismaClient, owner = THIS_PROCESS): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE "owner" = ${owner}`;
}
