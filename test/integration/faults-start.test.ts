import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";
import { startFakeZalo, type FakeZalo } from "../fakes/zalo-server.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite } from "../helpers/db.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

async function health(base: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("fault 14: start-up waits for the platforms", () => {
  const open: Array<{ close(): Promise<void> }> = [];
  let app: App | undefined;
  let db: Database | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await db?.close();
    db = undefined;
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  it("fault 14: Telegram answering 502 to getMe at start is waited for; /healthz says telegram is waiting (503), then 200", async () => {
    const telegram: FakeTelegram = await startFakeTelegram();
    open.push(telegram);
    telegram.failGetMe(2);
    db = await openTestPglite();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secret = "tg_webhook_secret_14";
    // Before: getMe's failure rejected startApp and the process ended.
    ({ app } = await startTestApp(
      db,
      {
        TELEGRAM_BOT_TOKEN: "123:fault14",
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: `${base}/telegram/webhook`,
        TELEGRAM_WEBHOOK_SECRET: secret,
        PORT: String(port),
      },
      { background: false },
    ));
    const waiting = await health(base);
    expect(waiting.status).toBe(503);
    expect(waiting.body).toMatchObject({ ok: false, database: "ok", telegram: "waiting" });

    // An update Telegram posts meanwhile is stored, not refused.
    const update = {
      update_id: 1401,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 14, type: "private", first_name: "Lan" },
        from: { id: 14, is_bot: false, first_name: "Lan" },
        text: "/toi",
      },
    };
    const stored = await fetch(`${base}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
      body: JSON.stringify(update),
    });
    expect(stored.status).toBe(200);

    await expect.poll(async () => (await health(base)).status, { timeout: 20_000 }).toBe(200);
    const ready = await health(base);
    expect(ready.body).toMatchObject({ ok: true, database: "ok", channels: ["telegram"] });
    expect(ready.body).not.toHaveProperty("telegram");
    expect(telegram.getMeCalls).toBe(3);
  }, 40_000);

  it("fault 14: Telegram refusing connections at start (long polling) is waited for until it listens", async () => {
    const telegram = await startFakeTelegram();
    open.push(telegram);
    const target = new URL(telegram.apiRoot);
    const proxy: TcpProxy = await startTcpProxy(
      { host: target.hostname, port: Number(target.port) },
      { listening: false },
    );
    open.push(proxy);
    db = await openTestPglite();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    ({ app } = await startTestApp(
      db,
      {
        TELEGRAM_BOT_TOKEN: "123:fault14",
        TELEGRAM_API_ROOT: `http://127.0.0.1:${proxy.port}`,
        PORT: String(port),
      },
      { background: false },
    ));
    expect((await health(base)).body).toMatchObject({ ok: false, telegram: "waiting" });

    await proxy.restore();
    await expect.poll(async () => (await health(base)).status, { timeout: 20_000 }).toBe(200);
    expect(telegram.getMeCalls).toBe(1);
  }, 40_000);

  it("fault 14: Zalo answering 502 to getMe at start is waited for; /healthz says zalo is waiting, then it answers people", async () => {
    const token = "1234567890:zalo-fault-14";
    const zalo: FakeZalo = await startFakeZalo({ token, pollCapMs: 200 });
    open.push(zalo);
    zalo.failNext("getMe", { error_code: 502, description: "Bad Gateway" });
    db = await openTestPglite();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    ({ app } = await startTestApp(db, {
      ZALO_BOT_TOKEN: token,
      ZALO_API_ROOT: zalo.apiRoot,
      PORT: String(port),
    }));
    expect((await health(base)).body).toMatchObject({ ok: false, zalo: "waiting" });

    zalo.pushUserMessage({
      chatId: "chat-14",
      fromId: "user-14",
      displayName: "Lan",
      text: "/toi",
    });
    const reply = await zalo.waitForSent(
      (call) => call.method === "sendMessage" && call.body.chat_id === "chat-14",
      20_000,
    );
    expect(String(reply.body.text)).toContain("Kênh: Zalo");
    expect((await health(base)).status).toBe(200);
  }, 40_000);
});
