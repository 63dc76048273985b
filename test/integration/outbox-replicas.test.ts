import { setImmediate as tick } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/core/messages.js";
import { fixedClock } from "../../src/clock.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { enqueueMany, outboxCounts, type OutboxItem } from "../../src/services/outbox.js";
import { createOutboxSender } from "../../src/workers/outbox-sender.js";
import { openTestPglite, postgresSchemaUrl, silentLogger } from "../helpers/db.js";

interface Replicas {
  name: string;
  /** Two handles on one database: two connections pools on PostgreSQL (two replicas). */
  open(): Promise<{ a: Database; b: Database; close(): Promise<void> }>;
}

const replicas: Replicas[] = [
  {
    name: "pglite (one database, two senders)",
    async open() {
      const db = await openTestPglite();
      return { a: db, b: db, close: () => db.close() };
    },
  },
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  replicas.push({
    name: "postgres (two replicas)",
    async open() {
      const schema = postgresSchemaUrl(pgUrl);
      const open = () =>
        openDatabase({ databaseUrl: schema.url, dataDir: "", logger: silentLogger, poolSize: 4 });
      const a = await open();
      const b = await open();
      return {
        a,
        b,
        async close() {
          await a.close();
          await b.close();
          await schema.drop();
        },
      };
    },
  });
}

describe.each(replicas)("outbox drained concurrently on $name", ({ open }) => {
  let handles: Awaited<ReturnType<Replicas["open"]>>;
  beforeAll(async () => {
    handles = await open();
  });
  afterAll(async () => {
    await handles?.close();
  });

  it("sends every message exactly once, each chat in order", async () => {
    const clock = fixedClock("2024-06-20T02:00:00Z");
    const items: OutboxItem[] = [];
    for (let n = 1; n <= 3; n++) {
      for (let chat = 1; chat <= 80; chat++) {
        items.push({
          channel: "telegram",
          chatId: String(chat),
          payload: { text: `${chat}/${n}` },
          purpose: "reminder",
        });
      }
    }
    await enqueueMany(handles.a.prisma, items, clock.now());

    const delivered: Array<{ replica: string; chatId: string; text: string }> = [];
    const makeSender = (replica: string, db: Database) =>
      createOutboxSender({
        db,
        clock,
        logger: silentLogger,
        limits: { telegram: { perSecond: 25, chatSpacingMs: 0 } },
        send: async (_channel, message: OutgoingMessage) => {
          // Yield a few times so that the two replicas' sends interleave.
          for (let i = 0; i < (message.text.length % 3) + 1; i++) await tick();
          delivered.push({ replica, chatId: message.chatId, text: message.text });
          return { messageId: `${replica}-${delivered.length}` };
        },
      });
    const senders = [makeSender("a", handles.a), makeSender("b", handles.b)];
    const drain = async (sender: (typeof senders)[number]) => {
      for (let round = 0; round < 200; round++) {
        await sender.drainOnce();
        if ((await outboxCounts(handles.a)).pending === 0) return;
        // Let the limiter's window pass on the fake clock (the other replica may move it too).
        clock.set(new Date(clock.now().getTime() + 500));
      }
    };
    await Promise.all(senders.map(drain));

    const keys = delivered.map((d) => `${d.chatId}/${d.text}`);
    expect(keys).toHaveLength(240);
    expect(new Set(keys).size).toBe(240);
    for (let chat = 1; chat <= 80; chat++) {
      const texts = delivered.filter((d) => d.chatId === String(chat)).map((d) => d.text);
      expect(texts).toEqual([`${chat}/1`, `${chat}/2`, `${chat}/3`]);
    }
    // Both replicas did part of the work.
    expect(new Set(delivered.map((d) => d.replica))).toEqual(new Set(["a", "b"]));
    expect(await outboxCounts(handles.b)).toMatchObject({ pending: 0, sent: 240 });
  });
});
