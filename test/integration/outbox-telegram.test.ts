import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TelegramChannel } from "../../src/channels/telegram/channel.js";
import { systemClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { enqueue, outboxCounts } from "../../src/services/outbox.js";
import { createOutboxSender, type AdminNotice } from "../../src/workers/outbox-sender.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";

// Through the real TelegramChannel (telegraf + retry) against a fake server with Telegram's
// limits: checks that the platform's answers reach the sender as the errors it acts on.
describe("outbox through the Telegram channel", () => {
  let db: Database;
  let fake: FakeTelegram;

  beforeAll(async () => {
    db = await openTestPglite();
    fake = await startFakeTelegram();
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });

  it("delivers each message once, within limits, and handles blocked and migrated chats", async () => {
    const channel = new TelegramChannel({
      token: "123:fake",
      apiRoot: fake.apiRoot,
      menu: [],
      logger: silentLogger,
    });
    fake.block("200");
    fake.migrate("-300", -100300);
    await db.prisma.chat.createMany({
      data: [
        { channel: "telegram", externalId: "200", kind: "private" },
        { channel: "telegram", externalId: "-300", kind: "group", title: "Lãnh đạo" },
      ],
    });
    const now = systemClock.now();
    const queue = (chatId: string, text: string) =>
      enqueue(db.prisma, { channel: "telegram", chatId, payload: { text }, purpose: "test" }, now);
    for (const text of ["một", "hai", "ba"]) await queue("100", `Nhắc hạn ${text}`);
    await queue("200", "Cho người đã chặn bot");
    await queue("-300", "Tổng hợp tuần");
    await queue("400", "Tin khác");

    const notices: AdminNotice[] = [];
    const sender = createOutboxSender({
      db,
      clock: systemClock,
      logger: silentLogger,
      channels: ["telegram"],
      pollMs: 20,
      send: (_name, message) => channel.send(message),
      notifyAdmin: async (notice) => void notices.push(notice),
    });
    sender.start();
    try {
      await expect
        .poll(async () => (await outboxCounts(db)).pending, { timeout: 15_000, interval: 100 })
        .toBe(0);
    } finally {
      await sender.stop();
    }

    expect(fake.accepted.map((m) => [m.chatId, m.text]).sort()).toEqual(
      [
        ["-100300", "Tổng hợp tuần"],
        ["100", "Nhắc hạn một"],
        ["100", "Nhắc hạn hai"],
        ["100", "Nhắc hạn ba"],
        ["400", "Tin khác"],
      ].sort(),
    );
    expect(fake.duplicates()).toEqual([]);
    expect(fake.tooManyRequests).toBe(0);
    expect(await outboxCounts(db)).toMatchObject({ sent: 5, failed: 1 });
    expect(notices.map((n) => [n.kind, n.chatId])).toEqual([["chat-unavailable", "200"]]);
    const chats = await db.prisma.chat.findMany({ orderBy: { externalId: "asc" } });
    expect(chats.map((c) => [c.externalId, c.active])).toEqual([
      ["-100300", true],
      ["200", false],
    ]);
    const sentIds = await db.prisma.outbox.findMany({
      where: { chatId: "100" },
      orderBy: { id: "asc" },
    });
    expect(sentIds.map((row) => row.platformMessageId)).toEqual(
      fake.accepted.filter((m) => m.chatId === "100").map((m) => String(m.messageId)),
    );
  });
});
