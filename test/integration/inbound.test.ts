import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import {
  claimInbound,
  markUpdateProcessed,
  pruneInbound,
  storeInbound,
  type ClaimedInbound,
} from "../../src/services/inbound.js";
import {
  createInboundWorker,
  type InboundWorker,
  type InboundWorkerOptions,
  type PreparedInbound,
} from "../../src/workers/inbound-worker.js";
import { releaseOrphanedLeases } from "../../src/services/leases.js";
import { openSecondReplica, silentLogger, testDatabases } from "../helpers/db.js";

const T0 = new Date("2024-06-20T02:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

/** A stored Telegram-like update: chat and text are all the worker's `prepare` needs here. */
const payload = (chat: string, text: string) => ({ chat, text });

function readPayload(update: ClaimedInbound): { chat: string; text: string } {
  return update.payload as { chat: string; text: string };
}

describe.each(testDatabases())("webhook inbox on $name", ({ name, open }) => {
  let db: Database;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.inboundUpdate.deleteMany();
  });

  async function storeAll(entries: Array<[string, string, string]>, at = T0) {
    for (const [id, chat, text] of entries) {
      await storeInbound(db.prisma, "telegram", id, payload(chat, text), at);
    }
  }

  function recordingWorker(
    clock: ReturnType<typeof fixedClock>,
    run: (update: ClaimedInbound) => Promise<void>,
    extra: Partial<Pick<InboundWorkerOptions, "leaseMs" | "maxAttempts" | "onGiveUp">> = {},
  ) {
    return createInboundWorker({
      prisma: db.prisma,
      clock,
      logger: silentLogger,
      ...extra,
      prepare: (update): PreparedInbound => ({
        orderKey: readPayload(update).chat,
        chatId: readPayload(update).chat,
        run: () => run(update),
      }),
    });
  }

  it("stores a re-delivered update once, and a polled update that was already stored is not handled again", async () => {
    expect(await storeInbound(db.prisma, "telegram", "1", payload("a", "x"), T0)).toBe(true);
    expect(await storeInbound(db.prisma, "telegram", "1", payload("a", "x"), T0)).toBe(false);
    expect(await markUpdateProcessed(db.prisma, "telegram", "1", T0)).toBe(false);
    // Another channel's update 1 is another update.
    expect(await storeInbound(db.prisma, "zalo", "1", payload("a", "x"), T0)).toBe(true);
    expect(await db.prisma.inboundUpdate.count({ where: { state: "pending" } })).toBe(2);
  });

  it("updates arriving together are stored together, a re-delivery among them once, and one the database refuses fails alone", async () => {
    const ids = ["21", "22", "23", "22", "bad\u0000id", "24"];
    const results = await Promise.allSettled(
      ids.map((id) => storeInbound(db.prisma, "telegram", id, payload("a", id), T0)),
    );
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "refused"))).toEqual([
      true,
      true,
      true,
      false,
      "refused",
      true,
    ]);
    const stored = await db.prisma.inboundUpdate.findMany({ orderBy: { updateId: "asc" } });
    expect(stored.map((row) => row.updateId)).toEqual(["21", "22", "23", "24"]);
  });

  /** Store one update the way the webhook inbox does: admitted by the worker first. */
  async function storeThroughInbox(worker: InboundWorker, id: string, chat: string, text: string) {
    const admission = worker.admit();
    const body = payload(chat, text);
    const fresh = await storeInbound(db.prisma, "telegram", id, body, T0, admission.lease);
    const update = { channel: "telegram" as const, updateId: id, payload: body, receivedAt: T0 };
    admission.stored(fresh ? { ...update, attempts: admission.lease ? 1 : 0 } : null);
    return { fresh, leased: admission.lease !== undefined };
  }

  async function until(check: () => boolean) {
    for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  }

  it("with room, a webhook update is stored leased to the worker and handled at once; a re-delivery is not handled again", async () => {
    const seen: string[] = [];
    const worker = recordingWorker(fixedClock(T0), async (update) => {
      seen.push(readPayload(update).text);
    });
    worker.start();
    try {
      expect(await storeThroughInbox(worker, "31", "chat-a", "một")).toEqual({
        fresh: true,
        leased: true,
      });
      await until(() => seen.length === 1);
      expect(await storeThroughInbox(worker, "31", "chat-a", "một")).toMatchObject({
        fresh: false,
      });
      await worker.drain();
      expect(seen).toEqual(["một"]);
      await until(() => seen.length === 1);
      const row = await db.prisma.inboundUpdate.findUniqueOrThrow({
        where: { channel_updateId: { channel: "telegram", updateId: "31" } },
      });
      expect(row.state).toBe("done");
    } finally {
      await worker.stop();
    }
  });

  it("when the worker is full, a chat's later updates wait in the inbox behind its earlier ones", async () => {
    const seen: string[] = [];
    const gates = new Map<string, () => void>();
    const held = (text: string) => new Promise<void>((resolve) => gates.set(text, resolve));
    const waits = { "chậm-a": held("chậm-a"), "chậm-b": held("chậm-b") };
    const worker = createInboundWorker({
      prisma: db.prisma,
      clock: fixedClock(T0),
      logger: silentLogger,
      concurrency: 1,
      prepare: (update): PreparedInbound => ({
        orderKey: readPayload(update).chat,
        run: async () => {
          const { chat, text } = readPayload(update);
          if (text === "chậm-a" || text === "chậm-b") await waits[text];
          seen.push(`${chat}:${text}`);
        },
      }),
    });
    worker.start();
    try {
      expect((await storeThroughInbox(worker, "41", "chat-a", "chậm-a")).leased).toBe(true);
      expect((await storeThroughInbox(worker, "42", "chat-b", "chậm-b")).leased).toBe(false);
      gates.get("chậm-a")?.();
      await until(() => seen.includes("chat-a:chậm-a"));
      // chat-b's first update is claimed now but not handled: its second queues behind it.
      expect((await storeThroughInbox(worker, "43", "chat-b", "hai")).leased).toBe(false);
      gates.get("chậm-b")?.();
      await worker.drain();
      expect(seen).toEqual(["chat-a:chậm-a", "chat-b:chậm-b", "chat-b:hai"]);
      // Once a claim has found the inbox empty, updates are taken at once again.
      expect((await storeThroughInbox(worker, "44", "chat-b", "ba")).leased).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it("handles every stored update once, each chat in arrival order, and keeps the key after", async () => {
    await storeAll([
      ["10", "chat-a", "một"],
      ["11", "chat-b", "một"],
      ["12", "chat-a", "hai"],
      ["13", "chat-a", "ba"],
      ["14", "chat-b", "hai"],
    ]);
    const seen: string[] = [];
    const worker = recordingWorker(fixedClock(T0), async (update) => {
      const { chat, text } = readPayload(update);
      // Slow first message of chat-a: the later ones of chat-a must still wait for it.
      if (text === "một" && chat === "chat-a") await new Promise((r) => setTimeout(r, 50));
      seen.push(`${chat}:${text}`);
    });
    await worker.drain();
    expect(seen.filter((s) => s.startsWith("chat-a"))).toEqual([
      "chat-a:một",
      "chat-a:hai",
      "chat-a:ba",
    ]);
    expect(seen.filter((s) => s.startsWith("chat-b"))).toEqual(["chat-b:một", "chat-b:hai"]);
    const rows = await db.prisma.inboundUpdate.findMany();
    expect(rows.map((r) => r.state)).toEqual(Array(5).fill("done"));
    expect(rows.every((r) => r.payload === null && r.handledAt !== null)).toBe(true);
    // A re-delivery after handling is still recognised.
    expect(await storeInbound(db.prisma, "telegram", "12", payload("chat-a", "hai"), T0)).toBe(
      false,
    );
  });

  it("hands an update back when its worker dies, once the lease runs out", async () => {
    await storeAll([
      ["20", "chat-a", "/baocao"],
      ["21", "chat-b", "/toi"],
    ]);
    // The first worker claims both and never finishes (its process died).
    const claimed = await claimInbound(db.prisma, {
      now: T0,
      limit: 10,
      leaseMs: 120_000,
      owner: "dead-process",
    });
    expect(claimed).toHaveLength(2);
    const clock = fixedClock(later(60_000));
    const handled: string[] = [];
    const worker = recordingWorker(clock, async (update) => void handled.push(update.updateId));
    await worker.drain();
    expect(handled).toEqual([]);
    clock.set(later(120_000));
    await worker.drain();
    expect(handled.sort()).toEqual(["20", "21"]);
  });

  it("takes back a dead process's updates at once when told no other process can run", async () => {
    await storeAll([["30", "chat-a", "/toi"]]);
    await claimInbound(db.prisma, { now: T0, limit: 10, leaseMs: 120_000, owner: "dead-process" });
    expect(await releaseOrphanedLeases(db.prisma, later(1_000), "new-process")).toEqual({
      outbox: 0,
      inbound: 1,
    });
    const handled: string[] = [];
    await recordingWorker(fixedClock(later(1_000)), async (update) => {
      handled.push(update.updateId);
    }).drain();
    expect(handled).toEqual(["30"]);
  });

  it("retries a failing update with backoff, then keeps it as failed with its payload", async () => {
    await storeAll([["40", "chat-a", "boom"]]);
    const clock = fixedClock(T0);
    let calls = 0;
    const givenUp: string[] = [];
    const worker = recordingWorker(
      clock,
      async () => {
        calls += 1;
        throw new Error("database went away");
      },
      {
        maxAttempts: 3,
        onGiveUp: async (update, chatId, error) => {
          givenUp.push(`${update.updateId}@${chatId}: ${error}`);
        },
      },
    );
    await worker.drain();
    expect(calls).toBe(1);
    let row = await db.prisma.inboundUpdate.findFirstOrThrow();
    expect(row).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: expect.stringMatching(/went away/),
    });
    // Not before the backoff (5 s after the first failure, then 10 s).
    clock.set(later(4_000));
    await worker.drain();
    expect(calls).toBe(1);
    clock.set(later(5_000));
    await worker.drain();
    clock.set(later(60_000));
    await worker.drain();
    expect(calls).toBe(3);
    row = await db.prisma.inboundUpdate.findFirstOrThrow();
    expect(row.state).toBe("failed");
    // Someone is told, once.
    expect(givenUp).toEqual(["40@chat-a: Error: database went away"]);
    expect(row.payload).toEqual(payload("chat-a", "boom"));
  });

  it("forgets handled updates after the window but keeps failed ones a week longer", async () => {
    await storeAll([["50", "chat-a", "x"]]);
    await markUpdateProcessed(db.prisma, "console", "51", T0);
    await db.prisma.inboundUpdate.update({
      where: { channel_updateId: { channel: "telegram", updateId: "50" } },
      data: { state: "failed" },
    });
    expect(await pruneInbound(db.prisma, later(1))).toBe(1);
    expect(await db.prisma.inboundUpdate.count()).toBe(1);
    expect(await pruneInbound(db.prisma, later(8 * 24 * 3_600_000))).toBe(1);
  });

  it("two workers (two replicas on PostgreSQL) draining the same inbox handle each update once", async () => {
    const entries: Array<[string, string, string]> = Array.from({ length: 60 }, (_, i) => [
      String(100 + i),
      `chat-${i % 7}`,
      `m${i}`,
    ]);
    await storeAll(entries);
    const second = name === "postgres" ? await openSecondReplica(db) : undefined;
    try {
      const handled: string[] = [];
      const make = (prisma: Database["prisma"]) =>
        createInboundWorker({
          prisma,
          clock: fixedClock(T0),
          logger: silentLogger,
          concurrency: 4,
          prepare: (update) => ({
            orderKey: readPayload(update).chat,
            run: async () => {
              await new Promise((r) => setTimeout(r, 2));
              handled.push(update.updateId);
            },
          }),
        });
      await Promise.all([make(db.prisma).drain(), make((second ?? db).prisma).drain()]);
      expect(handled.sort()).toEqual(entries.map(([id]) => id).sort());
    } finally {
      await second?.close();
    }
  });
});
