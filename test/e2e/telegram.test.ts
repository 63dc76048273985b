import { TelegramServer } from "../helpers/telegram-emulator.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite } from "../helpers/db.js";

const TOKEN = "123456:TEST-telegram-token";

describe("Telegram end to end (telegram-test-api emulator, long polling)", () => {
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
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await server?.stop();
  });

  it("answers /start and /trogiup in Vietnamese", async () => {
    const client = server.getClient(TOKEN, { userId: 501, firstName: "Lan", timeout: 10_000 });
    await client.sendCommand(client.makeCommand("/start"));
    const first = await client.getUpdates();
    const texts = first.result.map((u) => u.message.text);
    expect(texts[0]).toContain("Xin chào Lan!");
    await client.sendCommand(client.makeCommand("/trogiup"));
    const second = await client.getUpdates();
    expect(second.result.map((u) => u.message.text).join("\n")).toContain("/lienket (/link)");
  });

  it("escapes HTML in user data sent back (names with < and &)", async () => {
    const client = server.getClient(TOKEN, {
      userId: 502,
      firstName: "<b>Hùng & co</b>",
      timeout: 10_000,
    });
    await client.sendCommand(client.makeCommand("/toi"));
    const updates = await client.getUpdates();
    const text = updates.result[0]?.message.text ?? "";
    expect(text).toContain("&lt;b&gt;Hùng &amp; co&lt;/b&gt;");
  });
});

describe("Telegram webhook (secret header checked before anything is stored)", () => {
  let server: TelegramServer;
  let db: Database;
  let app: App;
  let url: string;
  const secret = "tg_webhook_secret_123";

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    await server.start();
    db = await openTestPglite();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/webhook`;
    ({ app } = await startTestApp(db, {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      TELEGRAM_WEBHOOK_URL: url,
      TELEGRAM_WEBHOOK_SECRET: secret,
      PORT: String(port),
    }));
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await server?.stop();
  });

  function update(id: number, text: string) {
    return {
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 777, type: "private", first_name: "Minh" },
        from: { id: 777, is_bot: false, first_name: "Minh" },
        text,
        entities: [{ offset: 0, length: text.split(" ")[0]?.length ?? 0, type: "bot_command" }],
      },
    };
  }

  async function post(body: unknown, headers: Record<string, string> = {}) {
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  }

  it("refuses a request without the right secret with 401 and processes nothing", async () => {
    expect((await post(update(9001, "/start"))).status).toBe(401);
    expect(
      (await post(update(9002, "/start"), { "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status,
    ).toBe(401);
    expect(await db.prisma.inboundUpdate.count()).toBe(0);
    expect(await db.prisma.account.count()).toBe(0);
  });

  it("handles an update with the right secret once, even when Telegram re-sends it", async () => {
    const headers = { "X-Telegram-Bot-Api-Secret-Token": secret };
    expect((await post(update(9003, "/start"), headers)).status).toBe(200);
    expect((await post(update(9003, "/start"), headers)).status).toBe(200);
    const client = server.getClient(TOKEN, { userId: 777, chatId: 777, timeout: 10_000 });
    const updates = await client.getUpdates();
    const texts = updates.result.map((u) => u.message.text);
    expect(texts.filter((t) => t.includes("Xin chào Minh!"))).toHaveLength(1);
    expect(await db.prisma.inboundUpdate.count()).toBe(1);
  });

  it("answers health checks", async () => {
    const health = await fetch(url.replace("/telegram/webhook", "/healthz"));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: "ok", channels: ["telegram"] });
  });
});
