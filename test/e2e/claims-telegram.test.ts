import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite } from "../helpers/db.js";
import { TelegramServer } from "../helpers/telegram-emulator.js";

describe("commands in a Telegram group (emulator; the bot is @TestNameBot)", () => {
  const TOKEN = "99015:claims";
  let server: TelegramServer;
  let db: Database;
  let app: App;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    await server.start();
    db = await openTestPglite();
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
});
