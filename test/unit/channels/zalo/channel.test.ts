import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type IncomingMessage, type MessageHandler } from "../../../../src/core/messages.js";
import { ChatUnavailableError } from "../../../../src/core/channel-errors.js";
import { ZaloChannel, type ZaloChannelOptions } from "../../../../src/channels/zalo/channel.js";
import { ZaloClient } from "../../../../src/channels/zalo/client.js";
import { startFakeZalo, type FakeZalo } from "../../../fakes/zalo-server.js";

const TOKEN = "4410095:Zq-secretPart_ShouldNeverLeak";
const SECRET = "webhook-secret-0123456789";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Setup {
  fake: FakeZalo;
  channel: ZaloChannel;
  logs: Array<{ level: number; msg: string }>;
  sleeps: number[];
}

async function setup(
  options: Partial<ZaloChannelOptions> & { pollCapMs?: number; maxAttempts?: number } = {},
): Promise<Setup> {
  const fake = await startFakeZalo({ token: TOKEN, pollCapMs: options.pollCapMs ?? 100 });
  cleanup.push(() => fake.close());
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
  const logs: Setup["logs"] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void logs.push(JSON.parse(line) as Setup["logs"][number]) },
  );
  const client = new ZaloClient({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    sleep,
    maxAttempts: options.maxAttempts ?? 5,
  });
  const channel = new ZaloChannel({ client, logger, pollTimeoutSeconds: 1, sleep, ...options });
  cleanup.push(() => channel.stop());
  return { fake, channel, logs, sleeps };
}

/** A handler that records messages and lets a test await the next one. */
function inbox(): {
  handler: MessageHandler;
  received: IncomingMessage[];
  next(): Promise<IncomingMessage>;
} {
  const received: IncomingMessage[] = [];
  const waiting: Array<(m: IncomingMessage) => void> = [];
  let delivered = 0;
  return {
    received,
    handler: async (message) => {
      received.push(message);
      waiting.shift()?.(message);
    },
    next: () => {
      const index = delivered++;
      const ready = received[index];
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const longText = (): string =>
  Array.from({ length: 50 }, (_, i) =>
    `${String(i).padStart(2, "0")} ${"Báo cáo tiến độ ".repeat(5)}`.padEnd(89, "."),
  ).join("\n");

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("ZaloChannel, long polling", () => {
  it("hands a user's text message to the handler as an IncomingMessage", async () => {
    const { fake, channel } = await setup();
    const box = inbox();
    await channel.start(box.handler);
    const before = Date.now();
    const id = fake.pushUserMessage({
      chatId: "chat-an",
      fromId: "user-an",
      displayName: "Trần Thị Bình",
      text: "/viec",
    });
    const message = await box.next();
    expect(message).toMatchObject({
      channel: "zalo",
      updateId: id,
      messageId: id,
      chatId: "chat-an",
      chatKind: "private",
      sender: { id: "user-an", displayName: "Trần Thị Bình", isBot: false },
      text: "/viec",
    });
    expect(message.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("marks messages from a group chat as group", async () => {
    const { fake, channel } = await setup();
    const box = inbox();
    await channel.start(box.handler);
    fake.pushUserMessage({
      chatId: "g",
      fromId: "u",
      displayName: "An",
      text: "hi",
      chatType: "GROUP",
    });
    expect((await box.next()).chatKind).toBe("group");
  });

  it("ignores stickers and images (no empty message reaches the handler)", async () => {
    const { fake, channel, logs } = await setup();
    const box = inbox();
    await channel.start(box.handler);
    const base = { chatId: "c", fromId: "u", displayName: "An", text: "" };
    fake.pushUserMessage({ ...base, eventName: "message.sticker.received" });
    fake.pushUserMessage({ ...base, eventName: "message.image.received" });
    fake.pushUserMessage({ ...base, text: "sau sticker" });
    expect((await box.next()).text).toBe("sau sticker");
    expect(box.received).toHaveLength(1);
    expect(logs.filter((l) => l.msg.includes("ignored"))).toHaveLength(2);
  });

  it("treats empty long polls (408) as no news: no warning, no backoff", async () => {
    const { fake, channel, logs, sleeps } = await setup({ pollCapMs: 20 });
    const box = inbox();
    await channel.start(box.handler);
    await waitUntil(() => fake.calls.filter((c) => c.method === "getUpdates").length >= 4);
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "vẫn nhận" });
    expect((await box.next()).text).toBe("vẫn nhận");
    expect(logs.filter((l) => l.level >= 40)).toEqual([]);
    expect(sleeps).toEqual([]);
  });

  it("keeps polling after getUpdates errors, backing off between them", async () => {
    const { fake, channel, logs, sleeps } = await setup({
      maxAttempts: 1,
      random: () => 1,
      pollBackoff: { baseDelayMs: 100, maxDelayMs: 1000 },
    });
    fake.failNext("getUpdates", { error_code: 500, description: "Internal", httpStatus: 500 });
    fake.failNext("getUpdates", { error_code: 429, description: "Quota exceeded" });
    const box = inbox();
    await channel.start(box.handler);
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "qua lỗi" });
    expect((await box.next()).text).toBe("qua lỗi");
    expect(sleeps).toEqual([100, 200]);
    expect(logs.filter((l) => l.msg.includes("getUpdates failed"))).toHaveLength(2);
  });

  it("keeps polling when the handler throws", async () => {
    const { fake, channel } = await setup();
    const box = inbox();
    let first = true;
    await channel.start(async (m) => {
      if (first) {
        first = false;
        throw new Error("handler bug");
      }
      await box.handler(m);
    });
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "một" });
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "hai" });
    expect((await box.next()).text).toBe("hai");
  });

  it("stop() aborts a long poll in flight instead of waiting for it to end", async () => {
    // The fake would hold this poll for a minute, longer than the test timeout.
    const { fake, channel } = await setup({ pollCapMs: 60_000, pollTimeoutSeconds: 60 });
    const box = inbox();
    await channel.start(box.handler);
    await waitUntil(() => fake.calls.some((c) => c.method === "getUpdates"));
    await channel.stop();
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "sau khi dừng" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(box.received).toEqual([]);
  });
});

describe("ZaloChannel.send", () => {
  it("splits a 4500-character text into 3 messages of at most 2000, on line boundaries", async () => {
    const { fake, channel } = await setup();
    const text = longText();
    expect(text.length).toBeGreaterThan(4400);
    const result = await channel.send({
      chatId: "c",
      text,
      buttons: [[{ label: "Xong", data: "done:1" }]],
    });
    const parts = fake.sent
      .filter((s) => s.method === "sendMessage")
      .map((s) => String(s.body.text));
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join("\n")).toBe(text);
    expect(fake.sent.every((s) => !("buttons" in s.body) && !("reply_markup" in s.body))).toBe(
      true,
    );
    expect(result.messageId).toMatch(/^[0-9a-f]{20}$/);
  });

  it("sends a photo by URL with its caption and returns the last message id", async () => {
    const { fake, channel } = await setup();
    const result = await channel.send({
      chatId: "c",
      text: "Tổng hợp tuần",
      photo: { url: "https://example.org/chart.png", caption: "Biểu đồ tiến độ" },
    });
    expect(fake.sent.map((s) => [s.method, s.body])).toEqual([
      ["sendMessage", { chat_id: "c", text: "Tổng hợp tuần" }],
      [
        "sendPhoto",
        { chat_id: "c", photo: "https://example.org/chart.png", caption: "Biểu đồ tiến độ" },
      ],
    ]);
    const photoCall = fake.calls.filter((c) => c.method === "sendPhoto");
    expect(photoCall).toHaveLength(1);
    expect(result.messageId).toMatch(/^[0-9a-f]{20}$/);
  });

  it("retries a send after 429 'Quota exceeded'", async () => {
    const { fake, channel, sleeps } = await setup();
    fake.failNext("sendMessage", { error_code: 429, description: "Quota exceeded" });
    await channel.send({ chatId: "c", text: "Nhắc hạn" });
    expect(fake.sent.filter((s) => s.method === "sendMessage")).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it("reports a chat that blocked the bot as ChatUnavailableError", async () => {
    const { fake, channel } = await setup();
    fake.failNext("sendMessage", { error_code: 403, description: "User blocked the bot" });
    await expect(channel.send({ chatId: "c", text: "x" })).rejects.toBeInstanceOf(
      ChatUnavailableError,
    );
  });

  it("refuses to send nothing", async () => {
    const { channel } = await setup();
    await expect(channel.send({ chatId: "c", text: "  " })).rejects.toThrow(/nothing to send/);
  });
});

describe("ZaloChannel, webhook mode", () => {
  const update = (text: string) => ({
    event_name: "message.text.received",
    message: {
      message_id: "0123456789abcdef0123",
      date: 1_750_000_000_000,
      text,
      from: { id: "u1", display_name: "Lê Văn Cường", is_bot: false },
      chat: { id: "c1", chat_type: "PRIVATE" },
    },
  });

  /** The webhook stores updates (in the app: the InboundUpdate table); read them back here. */
  async function webhookSetup() {
    const stored: Array<{ updateId: string; payload: unknown }> = [];
    const s = await setup({
      webhook: { url: "https://bot.example.vn/zalo", secret: SECRET },
      storeInbound: async (updateId, payload) => {
        stored.push({ updateId, payload });
        return true;
      },
    });
    const box = inbox();
    await s.channel.start(box.handler);
    const storedMessages = () => stored.map((entry) => s.channel.decodeStored(entry.payload));
    return { ...s, box, stored, storedMessages };
  }

  it("registers the webhook with its secret on start", async () => {
    const { fake } = await webhookSetup();
    expect(fake.sent).toContainEqual({
      method: "setWebhook",
      body: { url: "https://bot.example.vn/zalo", secret_token: SECRET },
    });
    expect(fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it.each([
    ["missing", {}],
    ["wrong", { "x-bot-api-secret-token": "webhook-secret-WRONG-56789" }],
    ["a prefix of the secret", { "x-bot-api-secret-token": SECRET.slice(0, 10) }],
    ["empty", { "x-bot-api-secret-token": "" }],
    ["sent twice", { "x-bot-api-secret-token": [SECRET, SECRET] }],
  ])("answers 401 and stores nothing when the secret is %s", async (_label, headers) => {
    const { channel, box, stored } = await webhookSetup();
    expect(await channel.handleWebhook(headers, update("/viec"))).toEqual({ status: 401 });
    expect(stored).toEqual([]);
    expect(box.received).toEqual([]);
  });

  it.each([
    ["node's lower-case header", "x-bot-api-secret-token"],
    ["the documented spelling", "X-Bot-Api-Secret-Token"],
  ])("stores the update and answers 200 with the right secret (%s)", async (_label, name) => {
    const { channel, box, stored, storedMessages } = await webhookSetup();
    expect(await channel.handleWebhook({ [name]: SECRET }, update("/viec"))).toEqual({
      status: 200,
    });
    // Handled later from storage, not during the request.
    expect(box.received).toEqual([]);
    expect(stored.map((entry) => entry.updateId)).toEqual(["0123456789abcdef0123"]);
    expect(storedMessages()[0]).toMatchObject({
      updateId: "0123456789abcdef0123",
      text: "/viec",
      sender: { displayName: "Lê Văn Cường" },
      receivedAt: new Date(1_750_000_000_000),
    });
  });

  it.each([
    ["not JSON", "{not json"],
    ["no message", { event_name: "message.text.received" }],
    [
      "a bad chat type",
      { ...update("x"), message: { ...update("x").message, chat: { id: "c", chat_type: "OA" } } },
    ],
  ])("answers 400 to a body that is %s", async (_label, body) => {
    const { channel, stored } = await webhookSetup();
    expect(await channel.handleWebhook({ "x-bot-api-secret-token": SECRET }, body)).toEqual({
      status: 400,
    });
    expect(stored).toEqual([]);
  });

  it("accepts the raw JSON body as a string", async () => {
    const { channel, storedMessages } = await webhookSetup();
    const raw = JSON.stringify(update("chuỗi"));
    expect(await channel.handleWebhook({ "x-bot-api-secret-token": SECRET }, raw)).toEqual({
      status: 200,
    });
    expect(storedMessages()[0]?.text).toBe("chuỗi");
  });

  it("answers 503 when the update cannot be stored, so Zalo delivers again", async () => {
    const s = await setup({
      webhook: { url: "https://bot.example.vn/zalo", secret: SECRET },
      storeInbound: async () => {
        throw new Error("database down");
      },
    });
    await s.channel.start(inbox().handler);
    expect(
      await s.channel.handleWebhook({ "x-bot-api-secret-token": SECRET }, update("x")),
    ).toEqual({
      status: 503,
    });
  });

  it("refuses a webhook set-up with nowhere to store updates", async () => {
    await expect(
      setup({ webhook: { url: "https://bot.example.vn/zalo", secret: SECRET } }),
    ).rejects.toThrow(/store/);
  });

  it("receives messages the platform posts to a real HTTP endpoint", async () => {
    const fake = await startFakeZalo({ token: TOKEN });
    cleanup.push(() => fake.close());
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void channel.handleWebhook(req.headers, Buffer.concat(chunks)).then(({ status }) => {
          res.writeHead(status).end();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`;
    const box = inbox();
    const channel: ZaloChannel = new ZaloChannel({
      client: new ZaloClient({ token: TOKEN, apiRoot: fake.apiRoot }),
      logger: pino({ level: "silent" }),
      webhook: { url, secret: SECRET },
      storeInbound: async (_updateId, payload) => {
        const message = channel.decodeStored(payload);
        if (message) await box.handler(message);
        return true;
      },
    });
    cleanup.push(() => channel.stop());
    await channel.start(box.handler);
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "qua webhook" });
    expect((await box.next()).text).toBe("qua webhook");
    await waitUntil(() => fake.webhookDeliveries.length === 1);
    expect(fake.webhookDeliveries[0]?.status).toBe(200);
  });
});
