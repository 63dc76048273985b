import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TelegramChannel } from "../../src/channels/telegram/channel.js";
import { systemClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { enqueue } from "../../src/services/outbox.js";
import { reportButtons } from "../../src/services/reminders.js";
import {
  createOutboxSender,
  type AdminNotice,
  type OutboxSender,
} from "../../src/workers/outbox-sender.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";
import { chatHarness } from "../helpers/chat.js";
import { openClaimsDb, stpHead } from "../helpers/claims-fixture.js";
import { silentLogger } from "../helpers/db.js";

// The real TelegramChannel and outbox sender against the project's fake Bot API.
describe("claim 4 on the Telegram fake: the edit goes through the outbox", () => {
  let db: Database;
  let fake: FakeTelegram;
  let sender: OutboxSender;
  const notices: AdminNotice[] = [];

  beforeAll(async () => {
    db = await openClaimsDb();
    fake = await startFakeTelegram({ perChatMs: 0 });
    const channel = new TelegramChannel({
      token: "123:fake",
      apiRoot: fake.apiRoot,
      menu: [],
      logger: silentLogger,
    });
    sender = createOutboxSender({
      db,
      clock: systemClock,
      logger: silentLogger,
      channels: ["telegram"],
      pollMs: 20,
      send: (_name, message) => channel.send(message),
      notifyAdmin: async (notice) => void notices.push(notice),
    });
    sender.start();
  }, 60_000);
  afterAll(async () => {
    await sender?.stop();
    await fake?.close();
    await db?.close();
  });

  it("claim 4: a 'Hoàn thành' press edits the reminder on Telegram: same message, new text, no buttons", async () => {
    const me = await stpHead(db, "telegram", "100");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    const reminderId = await enqueue(
      db.prisma,
      {
        channel: "telegram",
        chatId: me.chatId,
        payload: {
          text: "🔔 Nhắc hạn nhiệm vụ STP-3A\n\nBấm một nút bên dưới.",
          buttons: reportButtons(occurrence.id),
        },
        purpose: `reminder:${occurrence.id}-fake`,
        occurrenceId: occurrence.id,
      },
      systemClock.now(),
    );
    // Sent once the sender has recorded it (the fake accepts it a moment before).
    const sentRow = async () =>
      (await db.prisma.outbox.findUniqueOrThrow({ where: { id: reminderId ?? 0 } })).state;
    await expect.poll(sentRow, { timeout: 15_000 }).toBe("sent");
    const reminder = await db.prisma.outbox.findUniqueOrThrow({ where: { id: reminderId ?? 0 } });
    expect(reminder.platformMessageId).toBe(String(fake.accepted[0]?.messageId));

    const harness = await chatHarness(db, systemClock);
    await harness.say(me, "", {
      callbackData: `rp:${occurrence.id}:d`,
      messageId: reminder.platformMessageId ?? "",
    });
    await expect.poll(() => fake.edits.length, { timeout: 15_000 }).toBe(1);
    const [edit] = fake.edits;
    expect(edit).toMatchObject({
      chatId: me.chatId,
      messageId: fake.accepted[0]?.messageId,
      inlineKeyboard: [],
    });
    expect(edit?.text).toContain("🔔 Nhắc hạn nhiệm vụ STP-3A");
    expect(edit?.text).toMatch(/✔ Đã ghi nhận: hoàn thành — \d\d:\d\d \d\d\/\d\d$/);
    // An edit is not a new message.
    expect(fake.accepted.filter((m) => m.chatId === me.chatId)).toHaveLength(1);
  }, 60_000);

  it("claim 4: an edit Telegram refuses (message gone) is dropped: not retried, nobody alerted", async () => {
    const id = await enqueue(
      db.prisma,
      {
        channel: "telegram",
        chatId: "555",
        payload: { text: "✔ Đã ghi nhận: hoàn thành", editMessageId: "999" },
        purpose: "answered:test",
      },
      systemClock.now(),
    );
    await expect
      .poll(
        async () => (await db.prisma.outbox.findUniqueOrThrow({ where: { id: id ?? 0 } })).state,
        { timeout: 15_000 },
      )
      .toBe("sent");
    const row = await db.prisma.outbox.findUniqueOrThrow({ where: { id: id ?? 0 } });
    expect(row.attempts).toBe(1);
    expect(fake.edits.filter((e) => e.chatId === "555")).toEqual([]);
    expect(notices).toEqual([]);
  }, 60_000);
});
