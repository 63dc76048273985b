import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatUnavailableError, RateLimitedError } from "../../../../src/core/channel-errors.js";
import { ZaloClient, type ZaloClientOptions } from "../../../../src/channels/zalo/client.js";
import { ZaloApiError, ZaloNetworkError } from "../../../../src/channels/zalo/errors.js";
import { startFakeZalo, type FakeZalo } from "../../../fakes/zalo-server.js";

const TOKEN = "4410095:Zq-secretPart_ShouldNeverLeak";

let fake: FakeZalo;
let sleeps: number[];

function client(overrides: Partial<ZaloClientOptions> = {}): ZaloClient {
  return new ZaloClient({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
    ...overrides,
  });
}

const callsOf = (method: string) => fake.calls.filter((c) => c.method === method);

function logCapture(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

beforeEach(async () => {
  fake = await startFakeZalo({ token: TOKEN, pollCapMs: 200 });
  sleeps = [];
});
afterEach(async () => {
  await fake.close();
});

describe("ZaloClient against the fake Zalo server", () => {
  it("getMe answers the bot's own account", async () => {
    const me = await client().getMe();
    expect(me.id).toBe("4410095");
    expect(me.can_join_groups).toBe(false);
  });

  it("getUpdates hands over a user's text message", async () => {
    const id = fake.pushUserMessage({
      chatId: "chat-1",
      fromId: "user-1",
      displayName: "Nguyễn Văn An",
      text: "/baocao IV.3.a xong",
    });
    const update = await client().getUpdates({ timeout: 1 });
    expect(update?.event_name).toBe("message.text.received");
    expect(update?.message).toMatchObject({
      message_id: id,
      text: "/baocao IV.3.a xong",
      from: { id: "user-1", display_name: "Nguyễn Văn An" },
      chat: { id: "chat-1", chat_type: "PRIVATE" },
    });
    expect(callsOf("getUpdates")[0]?.body).toEqual({ timeout: "1" });
  });

  it("getUpdates returns a message that arrives while the request is held", async () => {
    const pending = client().getUpdates({ timeout: 1 });
    await waitUntil(() => callsOf("getUpdates").length === 1);
    fake.pushUserMessage({ chatId: "c", fromId: "u", displayName: "An", text: "xin chào" });
    expect((await pending)?.message.text).toBe("xin chào");
  });

  it("getUpdates treats 408 'Request timeout' as no news, not as an error", async () => {
    await expect(client().getUpdates({ timeout: 1 })).resolves.toBeNull();
    expect(sleeps).toEqual([]);
  });

  it("sendMessage returns the platform's message id", async () => {
    const sent = await client().sendMessage({ chat_id: "chat-9", text: "Nhắc việc" });
    expect(sent.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(fake.sent).toEqual([
      { method: "sendMessage", body: { chat_id: "chat-9", text: "Nhắc việc" } },
    ]);
  });

  it("sendChatAction and sendPhoto reach the platform", async () => {
    const c = client();
    await c.sendChatAction({ chat_id: "c", action: "typing" });
    await c.sendPhoto({ chat_id: "c", photo: "https://example.org/a.png", caption: "Biểu đồ" });
    expect(fake.sent.map((s) => s.method)).toEqual(["sendChatAction", "sendPhoto"]);
  });

  it("setWebhook, getWebhookInfo and deleteWebhook round-trip the webhook", async () => {
    const c = client();
    await c.setWebhook({ url: "https://bot.example.vn/zalo", secret_token: "s3cret-s3cret" });
    expect((await c.getWebhookInfo()).url).toBe("https://bot.example.vn/zalo");
    await c.deleteWebhook();
    expect((await c.getWebhookInfo()).url).toBe("");
  });

  it("getUpdates fails while a webhook is set", async () => {
    const c = client({ maxAttempts: 1 });
    await c.setWebhook({ url: "https://bot.example.vn/zalo", secret_token: "s3cret-s3cret" });
    await expect(c.getUpdates({ timeout: 1 })).rejects.toBeInstanceOf(ZaloApiError);
  });

  it.each([
    ["429 Quota exceeded", { error_code: 429, description: "Quota exceeded" }],
    [
      "an error whose description says Quota exceeded",
      { error_code: -32, description: "Quota exceeded" },
    ],
    ["HTTP 500", { error_code: 500, description: "Internal Server Error", httpStatus: 500 }],
    ["HTTP 502", { error_code: 502, description: "Bad Gateway", httpStatus: 502 }],
  ])("retries %s and then succeeds", async (_label, fault) => {
    fake.failNext("sendMessage", fault);
    fake.failNext("sendMessage", fault);
    const sent = await client().sendMessage({ chat_id: "c", text: "Lần thứ ba" });
    expect(sent.message_id).toBeTruthy();
    expect(callsOf("sendMessage").map((c) => c.errorCode)).toEqual([
      fault.error_code,
      fault.error_code,
      undefined,
    ]);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it("gives up after maxAttempts on a persistent quota error with RateLimitedError (no wait known)", async () => {
    for (let i = 0; i < 5; i++)
      fake.failNext("sendMessage", { error_code: 429, description: "Quota exceeded" });
    const error = await client({ maxAttempts: 5 })
      .sendMessage({ chat_id: "c", text: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeUndefined();
    expect(callsOf("sendMessage")).toHaveLength(5);
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it("maps 403 on a send to ChatUnavailableError without retrying", async () => {
    fake.failNext("sendMessage", { error_code: 403, description: "User has blocked the bot" });
    await expect(client().sendMessage({ chat_id: "c", text: "x" })).rejects.toBeInstanceOf(
      ChatUnavailableError,
    );
    expect(callsOf("sendMessage")).toHaveLength(1);
  });

  it.each([
    ["empty text", ""],
    ["text over 2000 characters", "ơ".repeat(2001)],
  ])("rejects %s with ZaloApiError 400, without retrying", async (_label, text) => {
    const error = await client()
      .sendMessage({ chat_id: "c", text })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect((error as ZaloApiError).errorCode).toBe(400);
    expect(sleeps).toEqual([]);
  });

  it("never puts the token in an API error", async () => {
    const wrong = new ZaloClient({ token: `${TOKEN}x`, apiRoot: fake.apiRoot });
    const error = await wrong.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect((error as ZaloApiError).errorCode).toBe(401);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it("never puts the token in a network error or in the retry logs", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { logger, lines } = logCapture();

    const c = client({ apiRoot: `http://127.0.0.1:${port}`, maxAttempts: 3, logger });
    const error = await c.sendMessage({ chat_id: "c", text: "x" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ZaloNetworkError);
    expect((error as ZaloNetworkError).code).toBe("ECONNREFUSED");
    expect(sleeps).toHaveLength(2);
    expect(lines).toHaveLength(2);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
