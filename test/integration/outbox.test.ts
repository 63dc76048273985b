import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import {
  claimBatch,
  enqueue,
  enqueueMany,
  markSent,
  outboxCounts,
  type OutboxItem,
} from "../../src/services/outbox.js";
import { testDatabases } from "../helpers/db.js";

const T0 = new Date("2024-06-20T02:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

const item = (chatId: string, text: string, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  channel: "telegram",
  chatId,
  payload: { text },
  purpose: "test",
  ...extra,
});

describe.each(testDatabases())("outbox queue on $name", ({ open }) => {
  let db: Database;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.outbox.deleteMany();
  });

  it("queues nothing when the caller's transaction rolls back, and the message when it commits", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueue(tx, item("100", "Nhắc hạn"), T0);
        throw new Error("reminder insert failed");
      }),
    ).rejects.toThrow("reminder insert failed");
    expect(await db.prisma.outbox.count()).toBe(0);

    await db.prisma.$transaction((tx) => enqueue(tx, item("100", "Nhắc hạn"), T0));
    const rows = await db.prisma.outbox.findMany();
    expect(rows).toMatchObject([
      { chatId: "100", payload: { text: "Nhắc hạn" }, state: "pending" },
    ]);
  });

  it("queues a message with a dedupe key once, without aborting the caller's transaction", async () => {
    const first = await enqueue(
      db.prisma,
      item("100", "Nhắc hạn", { dedupeKey: "reminder:1" }),
      T0,
    );
    expect(first).toBeTypeOf("number");
    const again = await db.prisma.$transaction(async (tx) => {
      const id = await enqueue(
        tx,
        item("100", "Nhắc hạn (lần 2)", { dedupeKey: "reminder:1" }),
        T0,
      );
      // The transaction is still usable after the skipped duplicate.
      await enqueue(tx, item("100", "Tin khác", { dedupeKey: "reminder:2" }), T0);
      return id;
    });
    expect(again).toBeUndefined();
    const texts = (await db.prisma.outbox.findMany({ orderBy: { id: "asc" } })).map(
      (row) => (row.payload as { text: string }).text,
    );
    expect(texts).toEqual(["Nhắc hạn", "Tin khác"]);

    const added = await enqueueMany(
      db.prisma,
      [
        item("101", "a", { dedupeKey: "reminder:2" }),
        item("102", "b", { dedupeKey: "reminder:3" }),
      ],
      T0,
    );
    expect(added).toBe(1);
  });

  it("refuses a payload the channels cannot send", async () => {
    const tooLong = "x".repeat(65);
    await expect(
      enqueue(
        db.prisma,
        item("100", "Chọn", {
          payload: { text: "Chọn", buttons: [[{ label: "Xong", data: tooLong }]] },
        }),
        T0,
      ),
    ).rejects.toThrow(/64 bytes/);
    expect(await db.prisma.outbox.count()).toBe(0);
  });

  it("claims due rows oldest first, one per chat, and leases them", async () => {
    await enqueue(db.prisma, item("200", "200-1"), T0);
    await enqueue(db.prisma, item("201", "201-1"), T0);
    await enqueue(db.prisma, item("200", "200-2"), T0);
    await enqueue(db.prisma, item("202", "future"), later(60_000));

    const claimed = await claimBatch(db, { now: T0, limit: 10, leaseMs: 30_000 });
    expect(claimed.map((row) => row.chatId + ":" + (row.payload as { text: string }).text)).toEqual(
      ["200:200-1", "201:201-1"],
    );
    expect(claimed.every((row) => row.attempts === 1)).toBe(true);
    // Leased: not claimable again (nor the chat's next message) until the lease ends.
    expect(await claimBatch(db, { now: later(29_999), limit: 10, leaseMs: 30_000 })).toEqual([]);

    const [head] = claimed;
    if (!head) throw new Error("nothing claimed");
    await markSent(db, head.id, "555", later(1_000));
    const next = await claimBatch(db, {
      now: later(2_000),
      limit: 10,
      leaseMs: 30_000,
      chatSpacingMs: 1_000,
    });
    expect(next.map((row) => (row.payload as { text: string }).text)).toEqual(["200-2"]);

    const reclaimed = await claimBatch(db, { now: later(60_000), limit: 10, leaseMs: 30_000 });
    expect(reclaimed.map((row) => [row.chatId, row.attempts])).toEqual([
      ["201", 2],
      ["200", 2],
      ["202", 1],
    ]);
    expect(await outboxCounts(db)).toMatchObject({ pending: 3, sent: 1 });
  });

  it("keeps a chat's next message back until the spacing after its last send has passed", async () => {
    await enqueue(db.prisma, item("300", "one"), T0);
    await enqueue(db.prisma, item("300", "two"), T0);
    const [one] = await claimBatch(db, {
      now: T0,
      limit: 5,
      leaseMs: 60_000,
      chatSpacingMs: 1_000,
    });
    if (!one) throw new Error("nothing claimed");
    await markSent(db, one.id, "1", later(200));
    const spacing = { limit: 5, leaseMs: 60_000, chatSpacingMs: 1_000 };
    expect(await claimBatch(db, { ...spacing, now: later(1_199) })).toEqual([]);
    expect(await claimBatch(db, { ...spacing, now: later(1_200), channel: "zalo" })).toEqual([]);
    const [two] = await claimBatch(db, { ...spacing, now: later(1_200), channel: "telegram" });
    expect(two?.payload).toEqual({ text: "two" });
  });
});
