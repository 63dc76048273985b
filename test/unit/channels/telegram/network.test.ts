/** The Telegram retry against real sockets: a server that never answers, and nothing listening. */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Telegram } from "telegraf";
import { afterEach, describe, expect, it } from "vitest";
import { installRetry } from "../../../../src/channels/telegram/retry.js";
import { freePort } from "../../../helpers/app.js";

const TOKEN = "123456:SECRET-network-token";
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A Bot API whose first `silentFor` requests get no answer at all; later ones succeed. */
async function silentServer(silentFor: number) {
  let requests = 0;
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    if (requests <= silentFor) {
      held.push(res);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, result: { message_id: 99 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, requests: () => requests };
}

describe("Telegram calls over the network", () => {
  it("abandons a try that gets no answer and sends again", async () => {
    const api = await silentServer(1);
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    installRetry(telegram, { timeoutMs: 300, sleep: async () => undefined });
    const sent = await telegram.sendMessage(42, "Nhắc hạn");
    expect(sent.message_id).toBe(99);
    expect(api.requests()).toBe(2);
  });

  it("gives up on a server that never answers with a clear error, not a hang", async () => {
    const api = await silentServer(Number.POSITIVE_INFINITY);
    const telegram = new Telegram(TOKEN, { apiRoot: api.apiRoot });
    installRetry(telegram, { timeoutMs: 200, maxRetries: 2, sleep: async () => undefined });
    const error = await telegram.sendMessage(42, "Nhắc hạn").catch((e: unknown) => e);
    expect(String(error)).toMatch(/no answer within 200 ms/);
    expect(api.requests()).toBe(3);
  });

  it("retries when nothing listens (connection refused) and never shows the token", async () => {
    const telegram = new Telegram(TOKEN, { apiRoot: `http://127.0.0.1:${await freePort()}` });
    const sleeps: number[] = [];
    installRetry(telegram, { maxRetries: 2, sleep: async (ms) => void sleeps.push(ms) });
    const error = await telegram.sendMessage(42, "Nhắc hạn").catch((e: unknown) => e);
    expect(String(error)).toContain("ECONNREFUSED");
    expect(String(error)).not.toContain(TOKEN);
    expect(sleeps).toEqual([500, 1000]);
  });
});
