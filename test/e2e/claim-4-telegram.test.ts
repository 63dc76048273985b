import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { runReminders } from "../../src/services/reminders.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";
import { loadThaiNguyen, person } from "../helpers/plan-fixture.js";
import { TelegramServer } from "../helpers/telegram-emulator.js";

const UNITS = ["UBNDT", "SNV", "STTTT", "STP"];

describe("claim 4 on Telegram (emulator): a button answer edits the reminder", () => {
  const TOKEN = "99004:claim-4";
  let server: TelegramServer;
  let db: Database;
  let app: App;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    await server.start();
    db = await openTestPglite();
    await loadThaiNguyen(db, new Date("2024-01-02T01:00:00Z"), UNITS);
    await person(db, { id: "5004", role: "head", unit: "STP" });
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

  /** The reminder as the chat now shows it, once it reads `expected` (or after 15 s, as it is). */
  async function reminderOnceItReads(messageId: number, expected: string) {
    const stored = () => server.storage.botMessages.find((u) => u.messageId === messageId);
    for (let i = 0; i < 150 && !stored()?.message.text.includes(expected); i += 1) {
      await delay(100);
    }
    return stored()?.message;
  }

  it("claim 4: 'Hoàn thành' edits the reminder (buttons removed, the answer shown); pressing it again records and edits nothing more", async () => {
    const client = server.getClient(TOKEN, {
      userId: 5004,
      chatId: 5004,
      firstName: "Hà",
      timeout: 15_000,
    });
    await runReminders(
      { prisma: db.prisma, calendar: await loadWorkCalendar(), logger: silentLogger },
      instantAt("2024-06-19", "08:00"),
    );
    const delivered = await client.getUpdates();
    const reminder = delivered.result.find((u) => u.message.text.includes("STP-3A"));
    expect(JSON.stringify(reminder?.message.reply_markup)).toContain("Hoàn thành");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    const press = () =>
      client.sendCallback(
        client.makeCallbackQuery(`rp:${occurrence.id}:d`, {
          message: { message_id: Number(reminder?.messageId), chat: { id: 5004, type: "private" } },
        } as never),
      );

    await press();
    const answer = await client.getUpdates();
    expect(answer.result.map((u) => u.message.text).join("\n")).toContain(
      "Đã ghi nhận báo cáo nhiệm vụ STP-3A",
    );
    const edited = await reminderOnceItReads(Number(reminder?.messageId), "✔ Đã ghi nhận");
    expect(edited?.text).toContain("Nhắc hạn nhiệm vụ STP-3A");
    expect(edited?.text).toMatch(/✔ Đã ghi nhận: hoàn thành — \d\d:\d\d \d\d\/\d\d/);
    expect(edited?.text).not.toContain("bấm một nút bên dưới");
    expect(reminder?.message.text).toContain("Tình trạng hiện tại: chưa thực hiện");
    expect(edited?.text).not.toContain("Tình trạng hiện tại");
    expect(edited?.reply_markup).toEqual({ inline_keyboard: [] });

    // The same callback again (a second press, or Telegram delivering it twice).
    await press();
    const again = await client.getUpdates();
    expect(again.result.map((u) => u.message.text).join("\n")).toContain(
      "đã được ghi nhận trước đó",
    );
    expect(await db.prisma.statusReport.count({ where: { occurrenceId: occurrence.id } })).toBe(1);
    expect(await db.prisma.outbox.count({ where: { purpose: { startsWith: "answered:" } } })).toBe(
      1,
    );
  }, 60_000);
});
