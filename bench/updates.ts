/**
 * 10,000 text updates through the Telegram webhook path (secret check, de-duplication and
 * account writes in the database, the command, the reply) on PGlite and on PostgreSQL, against a
 * bare telegraf echo bot on webhook, same machine, same load generator, same run.
 * Run: npx tsx bench/updates.ts [--n 10000]   (PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 */
import { createServer } from "node:http";
import { Telegraf } from "telegraf";
import { startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { systemClock } from "../src/clock.js";
import { startFakeBotApi } from "./fake-bot-api.js";
import { machineLine } from "./machine.js";

const logger = createLogger({ level: "silent", secrets: [] });
const SECRET = "bench_webhook_secret";
const CONCURRENCY = 32;

function update(i: number) {
  // 1,000 people sending 10 messages each: under the per-person limit (20/min).
  const user = 100_000 + (i % 1000);
  return JSON.stringify({
    update_id: i + 1,
    message: {
      message_id: i + 1,
      date: 1_700_000_000,
      chat: { id: user, type: "private", first_name: "U" },
      from: { id: user, is_bot: false, first_name: "U" },
      text: "/toi",
      entities: [{ offset: 0, length: 4, type: "bot_command" }],
    },
  });
}

/** POST n updates with a fixed number in flight; resolves when `done()` reports all replies. */
async function drive(url: string, n: number, done: () => number): Promise<number> {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: update(i),
      });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  while (done() < n) await new Promise((r) => setTimeout(r, 20));
  return (n / (performance.now() - start)) * 1000;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

async function ours(n: number, db: Database): Promise<number> {
  const api = await startFakeBotApi();
  const port = await freePort();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: "1:bench",
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    PORT: String(port),
  });
  const app = await startApp({ config, db, logger, clock: systemClock, background: false });
  try {
    return await drive(`http://127.0.0.1:${port}/tg`, n, api.sent);
  } finally {
    await app.stop();
    await api.close();
  }
}

async function bareTelegraf(n: number): Promise<number> {
  const api = await startFakeBotApi();
  const bot = new Telegraf("1:bench", { telegram: { apiRoot: api.apiRoot, webhookReply: false } });
  bot.on("message", async (ctx) => {
    await ctx.reply("text" in ctx.message ? ctx.message.text : "");
  });
  bot.botInfo = await bot.telegram.getMe();
  const port = await freePort();
  const server = createServer(bot.webhookCallback("/tg", { secretToken: SECRET }));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  try {
    return await drive(`http://127.0.0.1:${port}/tg`, n, api.sent);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  }
}

export async function runUpdatesBench(n = 10_000): Promise<string> {
  const rows: [string, number][] = [];
  const bare = await bareTelegraf(n);
  rows.push(["bare telegraf echo bot (webhook)", bare]);
  const embedded = await openDatabase({
    databaseUrl: undefined,
    dataDir: "",
    inMemory: true,
    logger,
  });
  rows.push(["vhcv-bot webhook path, PGlite (in-memory)", await ours(n, embedded)]);
  await embedded.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const schemaUrl = new URL(url);
    schemaUrl.searchParams.set("schema", `bench_${Date.now()}`);
    const pg = await openDatabase({ databaseUrl: schemaUrl.toString(), dataDir: "", logger });
    rows.push(["vhcv-bot webhook path, PostgreSQL", await ours(n, pg)]);
    await pg.sql.withSession((s) =>
      s.exec(`DROP SCHEMA ${schemaUrl.searchParams.get("schema")} CASCADE`),
    );
    await pg.close();
  }
  return [
    `### Webhook updates (${n} text updates, ${CONCURRENCY} in flight, each answered)`,
    "",
    machineLine(),
    "",
    "| path | updates/s | vs bare telegraf |",
    "| --- | --- | --- |",
    ...rows.map(
      ([name, rate]) => `| ${name} | ${rate.toFixed(0)} | ${((rate / bare) * 100).toFixed(0)} % |`,
    ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const index = process.argv.indexOf("--n");
  console.log(await runUpdatesBench(index > 0 ? Number(process.argv[index + 1]) : 10_000));
}
