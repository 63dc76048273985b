/**
 * Issue 14, fault 7: a stop gives back in the database whatever it claimed and did not finish
 * (nothing sent twice, nothing waiting ten minutes), and a process that died holds its claims
 * only until its heartbeat is stale — seconds — not until its ten-minute lease runs out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { ChannelName, OutgoingMessage } from "../../src/core/messages.js";
import type { Database } from "../../src/db/client.js";
import { claimInbound, storeInbound } from "../../src/services/inbound.js";
import { beat, THIS_PROCESS } from "../../src/services/leases.js";
import { claimBatch, enqueue } from "../../src/services/outbox.js";
import { createInboundWorker } from "../../src/workers/inbound-worker.js";
import { startLeaseKeeper } from "../../src/workers/lease-keeper.js";
import { createOutboxSender } from "../../src/workers/outbox-sender.js";
import { openSecondReplica, silentLogger, testDatabases } from "../helpers/db.js";

const T0 = new Date("2024-06-20T02:00:00Z");

describe.each(testDatabases())("fault 7: shutdown and dead holders on $name", ({ name, open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.outbox.deleteMany();
    await db.prisma.inboundUpdate.deleteMany();
    await db.prisma.$executeRaw`DELETE FROM "WorkerHeartbeat"`;
  });

  const queue = (chatId: string, text: string) =>
    enqueue(db.prisma, { channel: "telegram", chatId, payload: { text }, purpose: "reminder" }, T0);

  /** A platform whose sends never answer; each ends only when its signal aborts it. */
  function hangingPlatform() {
    const started: string[] = [];
    const aborted: string[] = [];
    const send = (
      _channel: ChannelName,
      message: OutgoingMessage,
      options: { signal?: AbortSignal } = {},
    ) =>
      new Promise<never>((_resolve, reject) => {
        started.push(message.chatId);
        options.signal?.addEventListener("abort", () => {
          aborted.push(message.chatId);
          reject(new Error("aborted"));
        });
      });
    return { send, started, aborted };
  }

  it("fault 7: a stop aborts a send that hangs and gives its row back (due now, attempt returned), so it is sent once, later", async () => {
    const clock = fixedClock(T0);
    const keeper = await startLeaseKeeper({ prisma: db.prisma, clock, logger: silentLogger });
    const platform = hangingPlatform();
    const sender = createOutboxSender({
      db,
      send: platform.send,
      clock,
      logger: silentLogger,
      pollMs: 5,
      stopTimeoutMs: 50,
    });
    await queue("101", "nhắc 1");
    await queue("102", "nhắc 2");
    sender.start();
    await expect.poll(() => platform.started.length).toBe(2);
    expect(await sender.stop()).toEqual({ abandoned: 0 });
    expect(platform.aborted.sort()).toEqual(["101", "102"]);
    await keeper.stop();

    const rows = await db.prisma.outbox.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.state, row.leasedBy, row.attempts])).toEqual([
      ["pending", null, 0],
      ["pending", null, 0],
    ]);
    // Due at once for whoever comes next, not in ten minutes.
    expect(rows.every((row) => row.nextAttemptAt.getTime() <= T0.getTime())).toBe(true);
    expect(
      await claimBatch(db, { now: T0, limit: 10, leaseMs: 60_000, owner: "next" }),
    ).toHaveLength(2);
  });

  it("fault 7: claims whose handling did not finish by the stop (an admitted webhook update included) are given back in the database", async () => {
    const clock = fixedClock(T0);
    const keeper = await startLeaseKeeper({ prisma: db.prisma, clock, logger: silentLogger });
    const worker = createInboundWorker({
      prisma: db.prisma,
      clock,
      logger: silentLogger,
      stopTimeoutMs: 50,
      prepare: () => ({ orderKey: "chat", run: () => new Promise<void>(() => undefined) }),
    });
    worker.start();
    // The webhook path: admitted (leased to this process at once), stored, handled from memory.
    const admission = worker.admit();
    expect(admission.lease).toBeDefined();
    const stored = await storeInbound(db.prisma, "telegram", "1", { x: 1 }, T0, admission.lease);
    admission.stored({
      channel: "telegram",
      updateId: "1",
      payload: { x: 1 },
      attempts: 1,
      receivedAt: T0,
    });
    expect(stored).toBe(true);
    // An outbox row claimed by this process, its send never started (the process stops first).
    await queue("201", "nhắc");
    await claimBatch(db, { now: T0, limit: 1, leaseMs: 600_000, owner: THIS_PROCESS });

    expect(await worker.stop()).toEqual({ unfinished: 1 });
    expect(await keeper.stop()).toEqual({ outbox: 1, inbound: 1 });

    const update = await db.prisma.inboundUpdate.findFirstOrThrow();
    expect(update).toMatchObject({ state: "pending", leasedBy: null, lockedUntil: null });
    expect(update.attempts).toBe(0);
    const row = await db.prisma.outbox.findFirstOrThrow();
    expect(row).toMatchObject({ state: "pending", leasedBy: null, attempts: 0 });
    expect(
      await claimInbound(db.prisma, { now: T0, limit: 5, leaseMs: 1, owner: "n" }),
    ).toHaveLength(1);
  });

  it("fault 7: a dead process's claims (last heartbeat 30 s ago) are taken back at another's next beat; a live holder's are not", async () => {
    const other = name === "postgres" ? await openSecondReplica(db) : db;
    try {
      for (const chat of ["301", "302", "303", "304"]) await queue(chat, "nhắc");
      await storeInbound(db.prisma, "telegram", "7", { x: 7 }, T0);
      // The dead process: beat, claimed three messages and an update, then was killed with -9.
      await beat(db.prisma, "dead");
      await claimBatch(db, { now: T0, limit: 3, leaseMs: 600_000, owner: "dead" });
      await claimInbound(db.prisma, { now: T0, limit: 1, leaseMs: 120_000, owner: "dead" });
      await db.prisma.$executeRaw`
        UPDATE "WorkerHeartbeat" SET "heartbeatAt" = "heartbeatAt" - interval '30 seconds'
        WHERE "owner" = 'dead'`;
      // A live replica beating now holds the fourth.
      await beat(db.prisma, "live");
      await claimBatch(db, { now: T0, limit: 1, leaseMs: 600_000, owner: "live" });

      // Another process (its own connection on PostgreSQL) beats: the dead one's claims return.
      const clock = fixedClock(T0);
      const survivor = await startLeaseKeeper({
        prisma: other.prisma,
        clock,
        logger: silentLogger,
        owner: "survivor",
      });
      expect(await survivor.tick()).toEqual({ outbox: 3, inbound: 1 });
      const retaken = await claimBatch(other, {
        now: T0,
        limit: 10,
        leaseMs: 600_000,
        owner: "survivor",
      });
      expect(retaken.map((row) => row.chatId).sort()).toEqual(["301", "302", "303"]);
      // Their claim attempt was given back: this is their first real try.
      expect(retaken.every((row) => row.attempts === 1)).toBe(true);
      expect(
        await claimInbound(other.prisma, { now: T0, limit: 5, leaseMs: 1, owner: "survivor" }),
      ).toHaveLength(1);
      const live = await db.prisma.outbox.findFirstOrThrow({ where: { chatId: "304" } });
      expect(live.leasedBy).toBe("live");
      await survivor.stop();
    } finally {
      if (other !== db) await other.close();
    }
  });
});
