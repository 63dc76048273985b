import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite } from "../helpers/db.js";
import { startTelegramFiles, type TelegramFiles } from "../fakes/telegram-files.js";
import { TelegramServer } from "../helpers/telegram-emulator.js";

describe("commands in a Telegram group (emulator; the bot is @TestNameBot)", () => {
  const TOKEN = "99015:claims";
  let server: TelegramServer;
  let files: TelegramFiles;
  let db: Database;
  let app: App;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    await server.start();
    // In front of the emulator: refuses photos and documents as Telegram does (400).
    files = await startTelegramFiles({
      upstream: server.config.apiURL,
      token: TOKEN,
      refuseUploads: true,
    });
    db = await openTestPglite();
    ({ app } = await startTestApp(db, {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: files.apiRoot,
    }));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await files?.close();
    await server?.stop();
  });

  it("claim 7: commands addressed to another bot are ignored; ours are answered", async () => {
    const client = server.getClient(TOKEN, {
      userId: 7001,
      chatId: -7001,
      type: "group",
      chatTitle: "Nhóm phòng",
      firstName: "Minh",
      timeout: 15_000,
    });
    await client.sendMessage(client.makeMessage("/start@OtherBot"));
    await client.sendMessage(client.makeMessage("/weather@OtherBot Hà Nội"));
    await client.sendMessage(client.makeMessage("/start@TestNameBot"));
    const updates = await client.getUpdates();
    const texts = updates.result.map((u) => u.message.text);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join("\n")).toContain("Xin chào");
    expect(texts.join("\n")).not.toContain("weather");
    // Only the last command was handled: one greeting, no "unknown command" for /weather.
    expect(texts.filter((text) => text.includes("Xin chào"))).toHaveLength(1);
    expect(await db.prisma.inboundUpdate.count()).toBe(1);
  }, 60_000);

  it("claim 3: a refused workbook: /xuatexcel's caption arrives once, the file is tried 3 times, then a note says it is missing", async () => {
    await db.prisma.account.create({
      data: {
        channel: "telegram",
        externalId: "7002",
        displayName: "Lãnh đạo",
        privateChatId: "7002",
        role: "leader",
      },
    });
    const client = server.getClient(TOKEN, {
      userId: 7002,
      chatId: 7002,
      type: "private",
      firstName: "Hà",
      timeout: 15_000,
    });
    await client.sendCommand(client.makeCommand("/xuatexcel"));
    const sentHere = () =>
      server.storage.botMessages
        .filter((u) => String(u.message.chat_id) === "7002")
        .map((u) => String(u.message.text));
    await expect
      .poll(() => sentHere().some((text) => text.includes("Không gửi được")), {
        timeout: 80_000,
        interval: 500,
      })
      .toBe(true);
    const texts = sentHere();
    expect(files.refusedUploads).toEqual(["sendDocument", "sendDocument", "sendDocument"]);
    expect(texts.filter((text) => text.startsWith("Đang gửi tệp Excel"))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith("Tổng hợp nhiệm vụ đến"))).toHaveLength(1);
    const note = texts.find((text) => text.includes("Không gửi được tệp Excel"));
    expect(note).toContain("/xuatexcel");
    const rows = await db.prisma.outbox.findMany({
      where: { chatId: "7002" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => [row.purpose.split(":")[0], row.state, row.attempts])).toEqual([
      ["xuatexcel", "sent", 1],
      ["xuatexcel", "failed", 3],
      ["undelivered", "sent", 1],
    ]);
  }, 90_000);
});
