/**
 * Every update that reaches the bot gets one InboundUpdate row, keyed by (channel, update id):
 * a second delivery of the same update finds the row and is ignored.
 *
 * Polling and the console record the row as `done` and handle the update at once. Webhooks
 * store it `pending` with its payload before answering 200, and the inbound worker handles it
 * from the database: an update acknowledged to the platform is never only in memory.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { ChannelName } from "../core/messages.js";
import { directExecute, directRows } from "../db/direct-sql.js";
import { createGroupCommit } from "../db/group-commit.js";
import { utcTimestamp } from "../db/sql-time.js";
import { storablePayload, type StorablePayload } from "./inbound-payload.js";

/** Record an update handled right now; false when it was seen before. */
export async function markUpdateProcessed(
  prisma: PrismaClient,
  channel: ChannelName,
  updateId: string,
  at: Date,
): Promise<boolean> {
  // ON CONFLICT DO NOTHING: atomic under concurrent deliveries, and no error mapping needed.
  // On the driver: this runs for every message (see direct-sql.ts).
  const count = await directExecute(
    prisma,
    Prisma.sql`
      INSERT INTO "InboundUpdate" ("channel", "updateId", "receivedAt", "handledAt")
      VALUES (${channel}::"Channel", ${updateId}, ${utcTimestamp(at)}, ${utcTimestamp(at)})
      ON CONFLICT DO NOTHING`,
  );
  return count === 1;
}

interface StoredUpdate {
  channel: ChannelName;
  updateId: string;
  payload: string;
  at: Date;
  lease: InboundLease | undefined;
}

/** Stored already claimed by this worker, which handles it at once (no claim round trip). */
export interface InboundLease {
  owner: string;
  until: Date;
}

function insertPending(prisma: PrismaClient, rows: readonly StoredUpdate[]) {
  const values = rows.map(
    (row) =>
      Prisma.sql`(${row.channel}::"Channel", ${row.updateId}, 'pending', ${row.payload}::jsonb,
                  ${utcTimestamp(row.at)}, ${row.lease ? 1 : 0},
                  ${row.lease ? utcTimestamp(row.lease.until) : null}, ${row.lease?.owner ?? null})`,
  );
  return directRows<{ channel: string; updateId: string }>(
    prisma,
    Prisma.sql`
      INSERT INTO "InboundUpdate" ("channel", "updateId", "state", "payload", "receivedAt",
                                   "attempts", "lockedUntil", "leasedBy")
      VALUES ${Prisma.join(values)}
      ON CONFLICT DO NOTHING
      RETURNING "channel"::text AS "channel", "updateId"`,
  );
}

/** One INSERT for the batch; true for each update stored now, false for a re-delivery. */
async function storeBatch(
  prisma: PrismaClient,
  rows: readonly StoredUpdate[],
): Promise<(boolean | Error)[]> {
  try {
    const inserted = new Set(
      (await insertPending(prisma, rows)).map((row) => `${row.channel}:${row.updateId}`),
    );
    // The same update twice in one batch: only the first is new.
    return rows.map((row) => inserted.delete(keyOf(row)));
  } catch (batchError) {
    if (rows.length === 1) return [asError(batchError)];
    // One update the database refuses must not fail the others: store each alone (at once, so
    // that a database that is away fails them in one timeout). Of one update sent twice, the
    // first is stored and the second is the re-delivery.
    const firstOf = new Map<string, number>();
    rows.forEach((row, i) => {
      if (!firstOf.has(keyOf(row))) firstOf.set(keyOf(row), i);
    });
    const first = rows.map((row) => firstOf.get(keyOf(row)) ?? 0);
    const alone = await Promise.all(
      rows.map((row, i) =>
        first[i] === i
          ? insertPending(prisma, [row]).then(
              (inserted) => inserted.length === 1,
              (error: unknown) => asError(error),
            )
          : null,
      ),
    );
    return alone.map((result, i) => {
      if (result !== null) return result;
      const stored = alone[first[i] ?? i];
      return stored instanceof Error ? stored : false;
    });
  }
}

const keyOf = (row: InboundKey) => `${row.channel}:${row.updateId}`;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Webhook writes grouped per database client (see group-commit.ts). */
const storeWriters = new WeakMap<PrismaClient, (row: StoredUpdate) => Promise<boolean>>();
const finishWriters = new WeakMap<PrismaClient, (row: FinishedUpdate) => Promise<void>>();

/**
 * Store a webhook update for the worker; false when it was seen before (a re-delivery).
 * Updates arriving together share one INSERT; each caller learns only when its row is committed.
 */
export function storeInbound(
  prisma: PrismaClient,
  channel: ChannelName,
  updateId: string,
  payload: unknown,
  at: Date,
  lease?: InboundLease,
): Promise<boolean> {
  return storeStorable(prisma, channel, updateId, storablePayload(payload), at, lease);
}

/** As storeInbound, for a payload already made storable (the caller keeps its stored form). */
export function storeStorable(
  prisma: PrismaClient,
  channel: ChannelName,
  updateId: string,
  storable: StorablePayload,
  at: Date,
  lease?: InboundLease,
): Promise<boolean> {
  let write = storeWriters.get(prisma);
  if (!write) {
    write = createGroupCommit((rows: readonly StoredUpdate[]) => storeBatch(prisma, rows));
    storeWriters.set(prisma, write);
  }
  return write({ channel, updateId, payload: storable.json, at, lease });
}

export interface ClaimedInbound {
  channel: ChannelName;
  updateId: string;
  payload: unknown;
  attempts: number;
  receivedAt: Date;
}

/**
 * Lease up to `limit` pending updates, oldest first: they are not claimed again before
 * now + leaseMs, so the updates of a worker that died come back once its lease runs out.
 * Two replicas never claim the same row.
 */
export async function claimInbound(
  prisma: PrismaClient,
  options: { now: Date; limit: number; leaseMs: number; owner: string },
): Promise<ClaimedInbound[]> {
  if (options.limit <= 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await directRows<ClaimedInbound>(
    prisma,
    Prisma.sql`
      UPDATE "InboundUpdate" SET "lockedUntil" = ${utcTimestamp(leaseUntil)},
        "attempts" = "attempts" + 1, "leasedBy" = ${options.owner}
      WHERE ("channel", "updateId") IN (
        SELECT "channel", "updateId" FROM "InboundUpdate"
        WHERE "state" = 'pending'
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${utcTimestamp(options.now)})
        ORDER BY "receivedAt"
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "channel"::text AS "channel", "updateId", "payload", "attempts",
        ("receivedAt" AT TIME ZONE 'UTC') AS "receivedAt"`,
  );
  return rows.sort(
    (a, b) =>
      a.receivedAt.getTime() - b.receivedAt.getTime() ||
      Number(a.updateId) - Number(b.updateId) ||
      a.updateId.localeCompare(b.updateId),
  );
}

type InboundKey = Pick<ClaimedInbound, "channel" | "updateId">;

function keyWhere(key: InboundKey) {
  return { channel_updateId: { channel: key.channel, updateId: key.updateId } };
}

interface FinishedUpdate extends InboundKey {
  at: Date;
}

async function finishBatch(prisma: PrismaClient, rows: readonly FinishedUpdate[]) {
  const keys = rows.map((row) => Prisma.sql`(${row.channel}::"Channel", ${row.updateId})`);
  // One handled time for the batch: they were handled within the same few milliseconds.
  const at = rows.reduce((latest, row) => (row.at > latest ? row.at : latest), rows[0]!.at);
  await directExecute(
    prisma,
    Prisma.sql`
      UPDATE "InboundUpdate" SET "state" = 'done', "payload" = NULL, "lockedUntil" = NULL,
        "leasedBy" = NULL, "lastError" = NULL, "handledAt" = ${utcTimestamp(at)}
      WHERE ("channel", "updateId") IN (${Prisma.join(keys)})`,
  );
  return rows.map(() => undefined);
}

/**
 * Handled: keep the row for de-duplication, drop the payload. Updates handled together are
 * marked in one UPDATE.
 */
export function finishInbound(prisma: PrismaClient, key: InboundKey, at: Date): Promise<void> {
  let write = finishWriters.get(prisma);
  if (!write) {
    write = createGroupCommit((rows: readonly FinishedUpdate[]) => finishBatch(prisma, rows));
    finishWriters.set(prisma, write);
  }
  return write({ channel: key.channel, updateId: key.updateId, at });
}

/**
 * Handling failed: try again after `retryAt`, or give up (`failed`, payload kept for an admin)
 * when the attempts are used up.
 */
export async function failInbound(
  prisma: PrismaClient,
  key: InboundKey & { attempts: number },
  error: string,
  retryAt: Date,
  maxAttempts: number,
): Promise<{ gaveUp: boolean }> {
  const giveUp = key.attempts >= maxAttempts;
  await prisma.inboundUpdate.update({
    where: keyWhere(key),
    data: giveUp
      ? { state: "failed", lockedUntil: null, leasedBy: null, lastError: error.slice(0, 500) }
      : { lockedUntil: retryAt, leasedBy: null, lastError: error.slice(0, 500) },
  });
  return { gaveUp: giveUp };
}

export async function countPendingInbound(prisma: PrismaClient): Promise<number> {
  return prisma.inboundUpdate.count({ where: { state: "pending" } });
}

/**
 * Forget handled updates received before `before` (platforms stop re-sending after a day) and
 * failed ones a week older still.
 */
export async function pruneInbound(prisma: PrismaClient, before: Date): Promise<number> {
  const failedBefore = new Date(before.getTime() - 7 * 24 * 3_600_000);
  const { count } = await prisma.inboundUpdate.deleteMany({
    where: {
      OR: [
        { state: "done", receivedAt: { lt: before } },
        { state: "failed", receivedAt: { lt: failedBefore } },
      ],
    },
  });
  return count;
}

/** What the router asks of the update log (commands get this, not the database). */
export interface UpdateLog {
  /** As markUpdateProcessed: false when the update was seen before. */
  markProcessed(channel: ChannelName, updateId: string, at: Date): Promise<boolean>;
}

export function updateLog(prisma: PrismaClient): UpdateLog {
  return {
    markProcessed: (channel, updateId, at) => markUpdateProcessed(prisma, channel, updateId, at),
  };
}
