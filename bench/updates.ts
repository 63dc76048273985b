/**
 * 10,000 text updates through the Telegram webhook path (secret check, de-duplication and
 * account writes in the database, the command, the reply) on PGlite and on PostgreSQL, against a
 * bare telegraf echo bot on webhook, same machine, same load generator, same run.
 * Then the reply latency at a steady 50 updates/s (time from the POST to the reply reaching
 * the Bot API): p50 and p99 for each.
 * Run: npx tsx bench/updates.ts [--n 10000] [--paced-seconds 20] [--only bare|pglite|postgres]
 *   (PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 */
import { createServer } from "node:http";
import { Telegraf } from "telegraf";
import { startApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { systemClock } from "../src/clock.js";
import { forgetSeen } from "../src/services/accounts.js";
import { startFakeBotApi } from "./fake-bot-api.js";
import { machineLine } from "./machine.js";

const logger = createLogger({ level: "silent", secrets: [] });
const SECRET = "bench_webhook_secret";
const CONCURRENCY = 32;

const PACED_RATE = 50;

/** 1,000 people, each sending every 1,000th update: under the per-person limit (20/min). */
const userOf = (i: number) => 100_000 + (i % 1000);

function update(i: number) {
  const user = userOf(i);
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

interface Target {
  url: string;
  /** Replies received so far. */
  sent(): number;
  /** Resolves when the next reply to this chat reaches the Bot API. */
  nextReply(chatId: string): Promise<number>;
}

/** POST n updates with a fixed number in flight; resolves when all are answered: updates/s. */
async function throughput(target: Target, n: number): Promise<number> {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      await post(target.url, next++);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  while (target.sent() < n) await new Promise((r) => setTimeout(r, 20));
  return (n / (performance.now() - start)) * 1000;
}

/**
 * POST one update. A connection the server closed just as it was reused (seen on a loaded
 * machine) is tried again, as the platform would re-deliver: de-duplication is part of the path.
 */
async function post(url: string, i: number, tries = 3): Promise<void> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: update(i),
    });
    await res.arrayBuffer();
  } catch (error) {
    if (tries <= 1) throw error;
    await post(url, i, tries - 1);
  }
}

/** One update every 1/50 s for `seconds`; each one's time from POST to its reply, in ms. */
async function pacedLatencies(target: Target, first: number, seconds: number): Promise<number[]> {
  const count = PACED_RATE * seconds;
  const start = performance.now();
  const latencies: Promise<number>[] = [];
  const posts: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = start + (k * 1000) / PACED_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const i = first + k;
    const sentAt = performance.now();
    const replied = target.nextReply(String(userOf(i)));
    posts.push(post(target.url, i));
    latencies.push(replied.then((at) => at - sentAt));
  }
  await Promise.all(posts);
  return Promise.all(latencies);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Result {
  rate: number;
  p50: number;
  p99: number;
}

/** Throughput, then a paced run on the same server (after its warm-up by the first). */
async function measure(target: Target, n: number, pacedSeconds: number): Promise<Result> {
  const rate = await throughput(target, n);
  const latencies = (await pacedLatencies(target, n, pacedSeconds)).sort((a, b) => a - b);
  return { rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The fake Bot API, with a queue of waiters per chat (one chat's replies come in order). */
async function replyWatcher() {
  const waiting = new Map<string, ((at: number) => void)[]>();
  const api = await startFakeBotApi((chatId) => {
    const queue = waiting.get(chatId);
    queue?.shift()?.(performance.now());
    if (queue?.length === 0) waiting.delete(chatId);
  });
  const nextReply = (chatId: string) =>
    new Promise<number>((resolve) => {
      const queue = waiting.get(chatId) ?? [];
      queue.push(resolve);
      waiting.set(chatId, queue);
    });
  return { api, nextReply };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

async function ours(n: number, pacedSeconds: number, db: Database): Promise<Result> {
  const { api, nextReply } = await replyWatcher();
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
    const url = `http://127.0.0.1:${port}/tg`;
    return await measure({ url, sent: api.sent, nextReply }, n, pacedSeconds);
  } finally {
    await app.stop();
    await api.close();
  }
}

async function bareTelegraf(n: number, pacedSeconds: number): Promise<Result> {
  const { api, nextReply } = await replyWatcher();
  const bot = new Telegraf("1:bench", { telegram: { apiRoot: api.apiRoot, webhookReply: false } });
  bot.on("message", async (ctx) => {
    await ctx.reply("text" in ctx.message ? ctx.message.text : "");
  });
  bot.botInfo = await bot.telegram.getMe();
  const port = await freePort();
  const server = createServer(bot.webhookCallback("/tg", { secretToken: SECRET }));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${port}/tg`;
    return await measure({ url, sent: api.sent, nextReply }, n, pacedSeconds);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  }
}

type Path = "bare" | "pglite" | "postgres";

export async function runUpdatesBench(n = 10_000, pacedSeconds = 20, only?: Path): Promise<string> {
  const runs = (path: Path) => only === undefined || only === path;
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const rows: [string, Result][] = [];
  const bare = runs("bare") ? await bareTelegraf(n, pacedSeconds) : undefined;
  if (bare) rows.push(["bare telegraf echo bot (webhook)", bare]);
  if (runs("pglite")) {
    rows.push(["vhcv-bot webhook path, PGlite (in-memory)", await embeddedRun(n, pacedSeconds)]);
  }
  if (url && runs("postgres")) {
    rows.push(["vhcv-bot webhook path, PostgreSQL", await postgresRun(url, n, pacedSeconds)]);
  }
  const share = (r: Result) => (bare ? `${((r.rate / bare.rate) * 100).toFixed(0)} %` : "–");
  return [
    `### Webhook updates (${n} text updates, ${CONCURRENCY} in flight, each answered; then ` +
      `${PACED_RATE} updates/s for ${pacedSeconds} s: time from the POST to the reply)`,
    "",
    machineLine(),
    "",
    "| path | updates/s | vs bare telegraf | reply p50 at 50/s | reply p99 at 50/s |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      ([name, r]) =>
        `| ${name} | ${r.rate.toFixed(0)} | ${share(r)} | ` +
        `${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`,
    ),
  ].join("\n");
}

async function embeddedRun(n: number, pacedSeconds: number): Promise<Result> {
  // Each path starts with no account in memory, as a fresh process would.
  forgetSeen();
  const db = await openDatabase({ databaseUrl: undefined, dataDir: "", inMemory: true, logger });
  try {
    return await ours(n, pacedSeconds, db);
  } finally {
    await db.close();
  }
}

async function postgresRun(url: string, n: number, pacedSeconds: number): Promise<Result> {
  forgetSeen();
  const schemaUrl = new URL(url);
  const schema = `bench_${Date.now()}`;
  schemaUrl.searchParams.set("schema", schema);
  const db = await openDatabase({ databaseUrl: schemaUrl.toString(), dataDir: "", logger });
  try {
    return await ours(n, pacedSeconds, db);
  } finally {
    await db.sql.withSession((s) => s.exec(`DROP SCHEMA ${schema} CASCADE`));
    await db.close();
  }
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

function onlyFlag(): Path | undefined {
  const value = process.argv[process.argv.indexOf("--only") + 1];
  if (!process.argv.includes("--only")) return undefined;
  if (value === "bare" || value === "pglite" || value === "postgres") return value;
  throw new Error("--only takes bare, pglite or postgres");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runUpdatesBench(flag("--n", 10_000), flag("--paced-seconds", 20), onlyFlag()));
}
