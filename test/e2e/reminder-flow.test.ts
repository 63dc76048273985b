import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { runReminders } from "../../src/services/reminders.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { startFakeZalo, type FakeZalo } from "../fakes/zalo-server.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";
import { loadThaiNguyen, person } from "../helpers/plan-fixture.js";
import { TelegramServer } from "../helpers/telegram-emulator.js";

const UNITS = ["UBNDT", "SNV", "STTTT", "STP"];

async function queueReminders(db: Database, day: string) {
  await runReminders(
    { prisma: db.prisma, calendar: await loadWorkCalendar(), logger: silentLogger },
    instantAt(day, "08:00"),
  );
}

describe("a reminder answered on Telegram (emulator): by reply and by button", () => {
  const TOKEN = "99001:reminder-flow";
  let server: TelegramServer;
  let db: Database;
  let app: App;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    await server.start();
    db = await openTestPglite();
    await loadThaiNguyen(db, new Date("2024-01-02T01:00:00Z"), UNITS);
    await person(db, { id: "5001", role: "head", unit: "STP" });
    ({ app } = await startTestApp(db, {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
    }));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await server?.stop();
  });

  it("delivers the reminder with buttons, then records a reply and a button press", async () => {
    const client = server.getClient(TOKEN, {
      userId: 5001,
      chatId: 5001,
      firstName: "Hà",
      timeout: 15_000,
    });
    await queueReminders(db, "2024-06-19");
    const delivered = await client.getUpdates();
    const reminder = delivered.result.find((u) => u.message.text.includes("STP-3A"));
    expect(reminder?.message.text).toContain("Nhắc hạn nhiệm vụ STP-3A");
    expect(reminder?.message.text).toContain("Chủ nhật, ngày 30/06/2024");
    const keyboard = JSON.stringify(reminder?.message.reply_markup);
    expect(keyboard).toContain("Hoàn thành");
    expect(keyboard).toContain("Đề nghị gia hạn");
    const stored = await db.prisma.outbox.findFirstOrThrow({
      where: { chatId: "5001", state: "sent" },
    });
    expect(stored.platformMessageId).toBe(String(reminder?.messageId));

    // A reply to the reminder: the task is inferred from the message answered.
    await client.sendMessage(
      client.makeMessage("đang làm, 70%", {
        reply_to_message: {
          message_id: Number(reminder?.messageId),
          date: 0,
          chat: { id: 5001, type: "private", first_name: "Bot" },
        },
      } as never),
    );
    const confirmation = await client.getUpdates();
    const text = confirmation.result.map((u) => u.message.text).join("\n");
    expect(text).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(text).toContain("Tiến độ: 70%");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence).toMatchObject({ status: "in_progress", progress: 70 });

    // The "Vướng mắc" button, then the reason asked for.
    await client.sendCallback(
      client.makeCallbackQuery(`rp:${occurrence.id}:b`, {
        message: { message_id: Number(reminder?.messageId), chat: { id: 5001, type: "private" } },
      } as never),
    );
    const question = await client.getUpdates();
    expect(question.result.map((u) => u.message.text).join("\n")).toContain("vướng mắc gì?");
    await client.sendMessage(client.makeMessage("thiếu kinh phí"));
    const recorded = await client.getUpdates();
    expect(recorded.result.map((u) => u.message.text).join("\n")).toContain(
      "Tình trạng: gặp vướng mắc",
    );
    expect(
      await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } }),
    ).toMatchObject({
      status: "blocked",
      note: "thiếu kinh phí",
    });
  }, 60_000);
});

describe("a reminder answered on Zalo (our fake): by command and by a plain message", () => {
  const TOKEN = "77001:reminder-flow";
  let zalo: FakeZalo;
  let db: Database;
  let app: App;

  beforeAll(async () => {
    zalo = await startFakeZalo({ token: TOKEN, pollCapMs: 200 });
    db = await openTestPglite();
    await loadThaiNguyen(db, new Date("2024-01-02T01:00:00Z"), UNITS);
    await db.prisma.account.create({
      data: {
        channel: "zalo",
        externalId: "zu-1",
        displayName: "Lan",
        privateChatId: "zc-1",
        role: "head",
        unitId: (await db.prisma.unit.findUniqueOrThrow({ where: { code: "STP" } })).id,
      },
    });
    ({ app } = await startTestApp(db, { ZALO_BOT_TOKEN: TOKEN, ZALO_API_ROOT: zalo.apiRoot }));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await zalo?.close();
  });

  it("shows the task code and the commands (no buttons on Zalo), and takes both answers", async () => {
    await queueReminders(db, "2024-06-19");
    const reminder = await zalo.waitForSent(
      (c) => c.method === "sendMessage" && String(c.body.text).includes("STP-3A"),
      10_000,
    );
    expect(reminder.body.chat_id).toBe("zc-1");
    expect(String(reminder.body.text)).toContain("/baocao STP-3A xong");
    expect(String(reminder.body.text).length).toBeLessThanOrEqual(2000);

    zalo.pushUserMessage({
      chatId: "zc-1",
      fromId: "zu-1",
      displayName: "Lan",
      text: "dang lam 40%",
    });
    await zalo.waitForSent((c) => String(c.body.text).includes("Tiến độ: 40%"), 10_000);

    zalo.pushUserMessage({
      chatId: "zc-1",
      fromId: "zu-1",
      displayName: "Lan",
      text: "/baocao STP-3A xong",
    });
    await zalo.waitForSent((c) => String(c.body.text).includes("Tình trạng: hoàn thành"), 10_000);
    expect(
      await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } }),
    ).toMatchObject({ status: "done", progress: 100 });
  }, 60_000);
});
