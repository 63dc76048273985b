import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { startFakeZalo, type FakeZalo } from "../fakes/zalo-server.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite } from "../helpers/db.js";

const TOKEN = "1234567890:zalo-test-secret";
const isText = (text: string) => (call: { method: string; body: Record<string, unknown> }) =>
  call.method === "sendMessage" && String(call.body.text).includes(text);

describe("Zalo end to end (our fake Zalo Bot API, long polling)", () => {
  let zalo: FakeZalo;
  let db: Database;
  let app: App;

  beforeAll(async () => {
    zalo = await startFakeZalo({ token: TOKEN, pollCapMs: 200 });
    db = await openTestPglite();
    ({ app } = await startTestApp(db, { ZALO_BOT_TOKEN: TOKEN, ZALO_API_ROOT: zalo.apiRoot }));
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await zalo?.close();
  });

  it("answers /start in Vietnamese in the user's private chat", async () => {
    zalo.pushUserMessage({
      chatId: "chat-a",
      fromId: "user-a",
      displayName: "Phạm Thu",
      text: "/start",
    });
    const call = await zalo.waitForSent(isText("Xin chào Phạm Thu!"));
    expect(call.body.chat_id).toBe("chat-a");
  });

  it("sends long replies in parts of at most 2000 characters", async () => {
    zalo.pushUserMessage({
      chatId: "chat-b",
      fromId: "user-b",
      displayName: "B",
      text: "/trogiup",
    });
    await zalo.waitForSent(isText("Các lệnh bạn dùng được"));
    for (const call of zalo.sent.filter((c) => c.method === "sendMessage")) {
      expect(String(call.body.text).length).toBeLessThanOrEqual(2000);
    }
  });

  it("survives a 429 Quota exceeded on send and still answers", async () => {
    zalo.failNext("sendMessage", { error_code: 429, description: "Quota exceeded" });
    zalo.pushUserMessage({ chatId: "chat-c", fromId: "user-c", displayName: "C", text: "/toi" });
    const call = await zalo.waitForSent(
      (c) => c.method === "sendMessage" && c.body.chat_id === "chat-c",
      15_000,
    );
    expect(String(call.body.text)).toContain("Kênh: Zalo");
  });
});

describe("Zalo webhook", () => {
  let zalo: FakeZalo;
  let db: Database;
  let app: App;
  let url: string;
  const secret = "zalo_webhook_secret_42";

  beforeAll(async () => {
    zalo = await startFakeZalo({ token: TOKEN });
    db = await openTestPglite();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/zalo/webhook`;
    ({ app } = await startTestApp(db, {
      ZALO_BOT_TOKEN: TOKEN,
      ZALO_API_ROOT: zalo.apiRoot,
      ZALO_WEBHOOK_URL: url,
      ZALO_WEBHOOK_SECRET: secret,
      PORT: String(port),
    }));
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await zalo?.close();
  });

  it("refuses a delivery without the right secret with 401 and stores nothing", async () => {
    const body = {
      event_name: "message.text.received",
      message: {
        message_id: "m-forged",
        date: Date.now(),
        text: "/start",
        from: { id: "intruder", display_name: "X", is_bot: false },
        chat: { id: "intruder", chat_type: "PRIVATE" },
      },
    };
    const attempts: Record<string, string>[] = [{}, { "X-Bot-Api-Secret-Token": "not-the-secret" }];
    for (const headers of attempts) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
    }
    expect(await db.prisma.inboundUpdate.count()).toBe(0);
  });

  it("handles what Zalo delivers to the webhook and answers", async () => {
    zalo.pushUserMessage({
      chatId: "chat-w",
      fromId: "user-w",
      displayName: "Webhook",
      text: "/batdau",
    });
    await zalo.waitForSent(isText("Xin chào Webhook!"));
    await expect.poll(() => zalo.webhookDeliveries.at(-1)?.status).toBe(200);
  });
});
