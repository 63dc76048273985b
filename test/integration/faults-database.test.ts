import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { installProcessGuards } from "../../src/process-guards.js";
import { tickSafely, type Job } from "../../src/scheduler/scheduler.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { postgresSchemaUrl, silentLogger } from "../helpers/db.js";
import { TelegramServer } from "../helpers/telegram-emulator.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as { level: number; msg: string });
      }
      done();
    },
  });
  return { logger: createLogger({ level: "info", secrets: [], destination }), lines };
}

describe("fault 1: process-level handlers", () => {
  it("fault 1: a stray rejection is logged and the bot keeps serving; an uncaught exception shuts down with exit 1", () => {
    const events = new EventEmitter();
    const { logger, lines } = recordingLogger();
    const shutdowns: Array<[string, number]> = [];
    installProcessGuards(events, logger, (reason, code) => shutdowns.push([reason, code]));

    events.emit("unhandledRejection", new Error("late pg callback"));
    expect(shutdowns).toEqual([]);
    expect(lines.map((l) => l.msg)).toContain("unhandled rejection; still serving");

    events.emit("uncaughtException", new Error("broken state"));
    expect(shutdowns).toEqual([["uncaught exception", 1]]);
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;

/** The real PostgreSQL behind a proxy the test can cut, stall and restore. */
describe.runIf(pgUrl)("database faults on PostgreSQL behind a TCP proxy", () => {
  let proxy: TcpProxy;
  let schema: ReturnType<typeof postgresSchemaUrl>;
  let db: Database;

  beforeAll(async () => {
    const target = new URL(pgUrl ?? "");
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(pgUrl ?? "");
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    schema = postgresSchemaUrl(viaProxy.toString());
    db = await openDatabase({
      databaseUrl: schema.url,
      dataDir: "",
      logger: silentLogger,
      timeouts: { connectMs: 1_000, statementMs: 1_500, queryMs: 2_000 },
    });
  });
  afterEach(async () => {
    await proxy.restore();
  });
  afterAll(async () => {
    await db?.close();
    await proxy?.restore();
    await schema?.drop();
    await proxy?.close();
  });

  it("fault 1: a minute tick while PostgreSQL refuses connections is logged, not a crash", async () => {
    const ran: string[] = [];
    const jobs: Job[] = [{ name: "reminders", run: async () => void ran.push("reminders") }];
    const { logger, lines } = recordingLogger();
    await proxy.cut();
    // Before: the leader check's connect rejected out of the cron callback and ended the process.
    await expect(tickSafely(db, jobs, new Date(), logger)).resolves.toBeUndefined();
    expect(lines.map((l) => l.msg)).toContain("tick failed; the next minute tries again");
    expect(ran).toEqual([]);

    await proxy.restore();
    const report = await tickSafely(db, jobs, new Date(), logger);
    expect(report?.leader).toBe(true);
    expect(ran).toEqual(["reminders"]);
  });

  describe("fault 8: a silent partition", () => {
    let telegram: TelegramServer;
    let app: App;
    let base: string;
    const secret = "tg_webhook_secret_123";

    beforeAll(async () => {
      telegram = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
      await telegram.start();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      ({ app } = await startTestApp(
        db,
        {
          TELEGRAM_BOT_TOKEN: "123:fault8",
          TELEGRAM_API_ROOT: telegram.config.apiURL,
          TELEGRAM_WEBHOOK_URL: `${base}/telegram/webhook`,
          TELEGRAM_WEBHOOK_SECRET: secret,
          PORT: String(port),
        },
        { background: false },
      ));
    });
    afterAll(async () => {
      await app?.stop();
      await telegram?.stop();
    });

    it("fault 8: /healthz answers 503 within a second and webhooks 503 within the query timeout while PostgreSQL is silent", async () => {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      proxy.stall();
      // Before: both waited for the kernel's TCP timeout (60 s in the run the issue reports).
      const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3_000) });
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, database: "unavailable" });

      const update = {
        update_id: 8801,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 88, type: "private", first_name: "Lan" },
          from: { id: 88, is_bot: false, first_name: "Lan" },
          text: "/toi",
        },
      };
      const webhook = await fetch(`${base}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(10_000),
      });
      // 503: Telegram delivers the update again later.
      expect(webhook.status).toBe(503);

      await proxy.restore();
      await expect
        .poll(async () => (await fetch(`${base}/healthz`)).status, { timeout: 10_000 })
        .toBe(200);
    }, 30_000);
  });
});
