import { PassThrough } from "node:stream";
import { Telegram, TelegramError, type Context } from "telegraf";
import { describe, expect, it } from "vitest";
import {
  installRetry,
  retryMiddleware,
  type TelegramRetryOptions,
} from "../../../../src/channels/telegram/retry.js";
import {
  ChatMigratedError,
  ChatUnavailableError,
  RateLimitedError,
} from "../../../../src/core/channel-errors.js";

const TOKEN = "123456:SECRET-telegram-token";

/** A Telegram whose callApi plays back `outcomes` (an Error is thrown), with retry installed. */
function setup(outcomes: unknown[], options: TelegramRetryOptions = {}) {
  const telegram = new Telegram(TOKEN);
  const calls: Array<{ method: string; payload: unknown }> = [];
  const stub = async (method: string, payload: unknown): Promise<unknown> => {
    calls.push({ method, payload });
    const next = outcomes.length > 1 ? outcomes.shift() : outcomes[0];
    if (next instanceof Error) throw next;
    return next;
  };
  telegram.callApi = stub as unknown as Telegram["callApi"];
  const sleeps: number[] = [];
  installRetry(telegram, {
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  const send = () => telegram.callApi("sendMessage", { chat_id: 42, text: "Nhắc hạn" });
  return { telegram, calls, sleeps, send };
}

const tgError = (
  code: number,
  description: string,
  parameters?: { retry_after?: number; migrate_to_chat_id?: number },
) => new TelegramError({ error_code: code, description, ...(parameters ? { parameters } : {}) });

const fetchError = (code: string) =>
  Object.assign(
    new Error(
      `request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: connect ${code}`,
    ),
    { name: "FetchError", type: "system", code, errno: code },
  );

const OK = { message_id: 7 };

describe("installRetry (telegraf callApi wrapper)", () => {
  it("waits retry_after seconds on 429, then succeeds", async () => {
    const { calls, sleeps, send } = setup([
      tgError(429, "Too Many Requests: retry after 3", { retry_after: 3 }),
      OK,
    ]);
    await expect(send()).resolves.toEqual(OK);
    expect(sleeps).toEqual([3000]);
    expect(calls).toHaveLength(2);
  });

  it("does not wait for a retry_after above the cap: RateLimitedError at once", async () => {
    const { calls, sleeps, send } = setup([
      tgError(429, "Too Many Requests: retry after 14400", { retry_after: 14_400 }),
    ]);
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(14_400_000);
    expect(sleeps).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("gives up on a persisting 429 after maxRetries with RateLimitedError", async () => {
    const { calls, sleeps, send } = setup([tgError(429, "Too Many Requests", { retry_after: 1 })], {
      maxRetries: 2,
    });
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(1000);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it("retries 502 twice with exponential backoff, then succeeds", async () => {
    const { calls, sleeps, send } = setup([
      tgError(502, "Bad Gateway"),
      tgError(502, "Bad Gateway"),
      OK,
    ]);
    await expect(send()).resolves.toEqual(OK);
    expect(sleeps).toEqual([500, 1000]);
    expect(calls).toHaveLength(3);
  });

  it.each([
    ["node-fetch ECONNREFUSED", fetchError("ECONNREFUSED")],
    ["node-fetch ECONNRESET", fetchError("ECONNRESET")],
    ["node-fetch ETIMEDOUT", fetchError("ETIMEDOUT")],
    ["undici 'fetch failed'", new TypeError("fetch failed", { cause: { code: "ECONNRESET" } })],
  ])("retries a network error (%s)", async (_label, error) => {
    const { sleeps, send } = setup([error, OK]);
    await expect(send()).resolves.toEqual(OK);
    expect(sleeps).toEqual([500]);
  });

  it("caps the backoff and, out of retries, throws the network error without the token", async () => {
    const { calls, sleeps, send } = setup([fetchError("ECONNREFUSED")], { maxDelayMs: 2000 });
    const error = await send().catch((e: unknown) => e);
    expect(calls).toHaveLength(6);
    expect(sleeps).toEqual([500, 1000, 2000, 2000, 2000]);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it("maps a group upgraded to a supergroup to ChatMigratedError with the new id", async () => {
    const { calls, send } = setup([
      tgError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: -1001234567890,
      }),
    ]);
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatMigratedError);
    expect((error as ChatMigratedError).newChatId).toBe("-1001234567890");
    expect(calls).toHaveLength(1);
  });

  it.each([
    [403, "Forbidden: bot was blocked by the user"],
    [403, "Forbidden: user is deactivated"],
    [403, "Forbidden: bot was kicked from the group chat"],
    [400, "Bad Request: chat not found"],
  ])("maps %i %s to ChatUnavailableError without retrying", async (code, description) => {
    const { calls, sleeps, send } = setup([tgError(code, description)]);
    await expect(send()).rejects.toBeInstanceOf(ChatUnavailableError);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([
    [400, "Bad Request: message text is empty"],
    [401, "Unauthorized"],
    [409, "Conflict: terminated by other getUpdates request"],
  ])("throws other errors (%i) at once, unchanged", async (code, description) => {
    const original = tgError(code, description);
    const { calls, sleeps, send } = setup([original]);
    await expect(send()).rejects.toBe(original);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("leaves getUpdates to telegraf's own polling retry", async () => {
    const { telegram, calls, sleeps } = setup([tgError(502, "Bad Gateway"), []]);
    await expect(telegram.callApi("getUpdates", {})).rejects.toBeInstanceOf(TelegramError);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("does not resend a payload whose upload stream the failed try consumed", async () => {
    const { telegram, calls } = setup([tgError(502, "Bad Gateway"), OK]);
    const photo = { source: new PassThrough() };
    await expect(telegram.callApi("sendPhoto", { chat_id: 42, photo })).rejects.toBeInstanceOf(
      TelegramError,
    );
    expect(calls).toHaveLength(1);
  });

  it("installs only once on the same Telegram object", async () => {
    const { telegram, calls, send } = setup([tgError(502, "Bad Gateway")], { maxRetries: 1 });
    installRetry(telegram, { maxRetries: 1, sleep: async () => {} });
    await expect(send()).rejects.toBeInstanceOf(TelegramError);
    expect(calls).toHaveLength(2);
  });

  it("retryMiddleware installs the retry on each update's ctx.telegram", async () => {
    const telegram = new Telegram(TOKEN);
    const outcomes: unknown[] = [tgError(502, "Bad Gateway"), OK];
    telegram.callApi = (async () => {
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      return next;
    }) as unknown as Telegram["callApi"];
    const ctx = { telegram } as unknown as Context;
    await retryMiddleware({ sleep: async () => {} })(ctx, async () => {});
    await expect(telegram.callApi("sendMessage", { chat_id: 1, text: "x" })).resolves.toEqual(OK);
  });
});
