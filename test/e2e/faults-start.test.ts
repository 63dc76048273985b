import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";
import { startFakeZalo, type FakeZalo } from "../fakes/zalo-server.js";
import { freePort } from "../helpers/app.js";
import { startBot, waitFor } from "../helpers/process.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch {
    return { status: 0, body: {} };
  }
}

describe("fault 14: the bot process and a platform that is down at start", () => {
  let dataDir: string;
  let telegram: FakeTelegram;
  let proxy: TcpProxy;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-start-"));
    telegram = await startFakeTelegram();
    const target = new URL(telegram.apiRoot);
    proxy = await startTcpProxy(
      { host: target.hostname, port: Number(target.port) },
      { listening: false },
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await telegram?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("fault 14: Telegram refusing connections at start is waited out with backoff, /healthz naming it; the process never exits", async () => {
    const port = await freePort();
    const bot = startBot({
      DATA_DIR: dataDir,
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: "123:fault14",
      TELEGRAM_API_ROOT: `http://127.0.0.1:${proxy.port}`,
    });
    try {
      await waitFor(
        () => (bot.stderr().match(/platform unreachable at start; retrying/g) ?? []).length >= 3,
        60_000,
        "three tries of Telegram's getMe",
      );
      // Before: the process ended once getMe's retries ran out (about 30 s in the run).
      expect(bot.child.exitCode).toBeNull();
      const waiting = await health(port);
      expect(waiting.status).toBe(503);
      expect(waiting.body).toMatchObject({ ok: false, database: "ok", telegram: "waiting" });

      await proxy.restore();
      await waitFor(async () => (await health(port)).status === 200, 60_000, "/healthz 200");
      expect(bot.child.exitCode).toBeNull();
      bot.child.kill("SIGTERM");
      expect((await bot.exited).code).toBe(0);
    } finally {
      bot.child.kill("SIGKILL");
    }
  }, 120_000);
});

describe("fault 14: a token the platform refuses is not waited for", () => {
  let dataDir: string;
  let telegram: FakeTelegram;
  let zalo: FakeZalo;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-token-"));
    telegram = await startFakeTelegram({ token: "123:right" });
    zalo = await startFakeZalo({ token: "456:right" });
  });
  afterAll(async () => {
    await telegram?.close();
    await zalo?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ["Telegram", { TELEGRAM_BOT_TOKEN: "123:wrong", TELEGRAM_API_ROOT: () => telegram.apiRoot }],
    ["Zalo", { ZALO_BOT_TOKEN: "456:wrong", ZALO_API_ROOT: () => zalo.apiRoot }],
  ] as const)(
    "fault 14: %s answering 401 to getMe ends the start with the setting to fix, exit 2",
    async (platform, settings) => {
      const env = Object.fromEntries(
        Object.entries(settings).map(([key, value]) => [
          key,
          typeof value === "function" ? value() : value,
        ]),
      );
      const bot = startBot({ DATA_DIR: dataDir, ...env });
      try {
        const { code } = await bot.exited;
        expect(code).toBe(2);
        const setting = platform === "Telegram" ? "TELEGRAM_BOT_TOKEN" : "ZALO_BOT_TOKEN";
        expect(bot.stderr()).toContain(`${platform} từ chối mã bot (${setting}: getMe 401)`);
        expect(bot.stderr()).not.toContain("platform unreachable at start; retrying");
      } finally {
        bot.child.kill("SIGKILL");
      }
    },
    60_000,
  );
});
