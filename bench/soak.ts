/**
 * Soak: the bot (src/main.ts, a child process) on PostgreSQL behind a TCP proxy, fed webhook
 * updates at a steady rate by a fake Telegram, with outbox messages queued at a steady rate (as
 * ticks queue reminders) and its own minute ticks running, while the proxy takes PostgreSQL away
 * several times (refused, then silent, alternately) and gives it back. Then it drains and prints:
 * updates sent / acknowledged / handled / lost / handled twice, outbox messages queued /
 * delivered / lost / delivered twice, process exits. All but sent, acknowledged and handled
 * should be zero.
 *
 * Bounded and loopback only: every socket is on 127.0.0.1; the database must be local.
 * Run: npx tsx bench/soak.ts [--minutes 3] [--rate 5] [--sends 2] [--drop-every 30] [--drop-for 8]
 *   (PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL)
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { enqueue } from "../src/services/outbox.js";
import { startFakeTelegram } from "../test/fakes/telegram-limited.js";
import { freePort } from "../test/helpers/app.js";
import { postgresSchemaUrl } from "../test/helpers/db.js";
import { startTcpProxy } from "../test/helpers/tcp-proxy.js";
import { machineLine } from "./machine.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "soak_webhook_secret";
const TOKEN = "123456:soak";
const OUTBOX_CHATS = 200;
const DRAIN_MS = 180_000;

const { values: flags } = parseArgs({
  options: {
    minutes: { type: "string", default: "3" },
    rate: { type: "string", default: "5" },
    sends: { type: "string", default: "2" },
    "drop-every": { type: "string", default: "30" },
    "drop-for": { type: "string", default: "8" },
  },
});
const minutes = Number(flags.minutes);
const rate = Number(flags.rate);
const sendRate = Number(flags.sends);
const dropEveryMs = Number(flags["drop-every"]) * 1000;
const dropForMs = Number(flags["drop-for"]) * 1000;
for (const [name, value] of Object.entries({ minutes, rate, sendRate, dropEveryMs, dropForMs })) {
  if (!Number.isFinite(value) || value <= 0 || value > 10_000_000) {
    throw new Error(`--${name}: a positive number, please`);
  }
}
if (minutes > 60) throw new Error("--minutes: at most 60 (the soak is bounded)");

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!databaseUrl)
  throw new Error("set BENCH_DATABASE_URL or TEST_DATABASE_URL (a local PostgreSQL)");
const target = new URL(databaseUrl);
if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) {
  throw new Error("the soak runs on loopback only: the database must be on 127.0.0.1");
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const silent = createLogger({ level: "silent", secrets: [] });

// The database, its proxy and a schema of our own.
const proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(target.port || 5432) });
const viaProxy = new URL(databaseUrl);
viaProxy.host = `127.0.0.1:${proxy.port}`;
const schema = postgresSchemaUrl(viaProxy.toString());
const directUrl = new URL(schema.url);
directUrl.host = target.host;
// The soak's own connection goes around the proxy: it plays the ticks that queue messages.
const db = await openDatabase({ databaseUrl: directUrl.toString(), dataDir: "", logger: silent });

const telegram = await startFakeTelegram();
const port = await freePort();
const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
const dataDir = await mkdtemp(join(tmpdir(), "vhcv-soak-"));

// The bot, as production runs it; restarted (and counted) should it ever exit.
let exits = 0;
let stopping = false;
let stderrTail = "";
let tickFailures = 0;
function startBot() {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--no-demo"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      DATA_DIR: dataDir,
      DATABASE_URL: schema.url,
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: webhookUrl,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    tickFailures += (text.match(/tick failed/g) ?? []).length;
    stderrTail = (stderrTail + text).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  void exited.then((code) => {
    if (stopping) return;
    exits += 1;
    process.stderr.write(`bot exited (code ${code}); restarting\n${stderrTail}\n`);
    bot = startBot();
  });
  return { child, exited };
}
let bot = startBot();

async function healthy(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(2_000),
    });
    return res.status === 200;
  } catch {
    return false;
  }
}
const startBy = Date.now() + 120_000;
while (!(await healthy())) {
  if (Date.now() > startBy) throw new Error(`the bot did not start:\n${stderrTail}`);
  await sleep(250);
}

// Webhook updates: one new person per update, so each chat expects exactly one reply.
const chatOf = (n: number) => String(5_000_000 + n);
const acknowledged = new Set<number>();
let sent = 0;
let posts = 0;
let redeliveries = 0;
function updateBody(n: number): string {
  const id = Number(chatOf(n));
  return JSON.stringify({
    update_id: n,
    message: {
      message_id: n,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: "private", first_name: "Soak" },
      from: { id, is_bot: false, first_name: "Soak" },
      text: "/toi",
      entities: [{ offset: 0, length: 4, type: "bot_command" }],
    },
  });
}
/** Deliver as Telegram does: again after a while until the bot answers 200. */
async function deliver(n: number): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) redeliveries += 1;
    posts += 1;
    try {
      const res = await fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: updateBody(n),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.status === 200) {
        acknowledged.add(n);
        return;
      }
    } catch {
      // refused or timed out: Telegram tries again
    }
    await sleep(Math.min(2_000 * 2 ** attempt, 20_000));
  }
}

// Outbox messages, each with a text of its own, queued as a tick would.
const queued: string[] = [];
let queueFailures = 0;
async function queueOne(n: number): Promise<void> {
  const text = `soak outbox #${n}`;
  try {
    await enqueue(
      db.prisma,
      {
        channel: "telegram",
        chatId: String(7_000_000 + (n % OUTBOX_CHATS)),
        payload: { text },
        purpose: "soak",
        dedupeKey: `soak:${n}`,
      },
      new Date(),
    );
    queued.push(text);
  } catch {
    queueFailures += 1;
  }
}

// The run: steady updates and sends; PostgreSQL taken away and given back on a schedule.
const started = Date.now();
const endAt = started + minutes * 60_000;
const deliveries: Promise<void>[] = [];
const drops: string[] = [];
const outages = (async () => {
  let kind: "refused" | "silent" = "refused";
  for (let at = started + dropEveryMs / 2; at + dropForMs < endAt; at += dropEveryMs) {
    await sleep(Math.max(0, at - Date.now()));
    if (kind === "refused") await proxy.cut();
    else proxy.stall();
    drops.push(`${kind} ${Math.round((Date.now() - started) / 1000)} s`);
    await sleep(dropForMs);
    await proxy.restore();
    kind = kind === "refused" ? "silent" : "refused";
  }
})();
let n = 0;
let m = 0;
while (Date.now() < endAt) {
  const elapsed = (Date.now() - started) / 1000;
  while (n < Math.floor(elapsed * rate)) {
    sent += 1;
    deliveries.push(deliver(++n));
  }
  while (m < Math.floor(elapsed * sendRate)) void queueOne(++m);
  await sleep(50);
}
await outages;
await proxy.restore();

// Drain: every acknowledged update answered, every queued message delivered (or give up).
const repliesTo = (chat: string) => telegram.accepted.filter((a) => a.chatId === chat).length;
const drainBy = Date.now() + DRAIN_MS;
const outboxTexts = () => new Set(telegram.accepted.map((a) => a.text));
for (;;) {
  const pendingUpdates = [...acknowledged].filter((k) => repliesTo(chatOf(k)) === 0).length;
  const delivered = outboxTexts();
  const pendingSends = queued.filter((text) => !delivered.has(text)).length;
  if (
    (pendingUpdates === 0 && pendingSends === 0 && acknowledged.size === sent) ||
    Date.now() > drainBy
  )
    break;
  await sleep(500);
}
const drainedIn = Math.round((Date.now() - endAt) / 1000);
await Promise.race([Promise.all(deliveries), sleep(1_000)]);

// The figures.
const handled = [...acknowledged].filter((k) => repliesTo(chatOf(k)) > 0).length;
const lostUpdates = acknowledged.size - handled;
const unacknowledged = sent - acknowledged.size;
const twice = [...acknowledged].filter((k) => repliesTo(chatOf(k)) > 1).length;
const delivered = outboxTexts();
const lostSends = queued.filter((text) => !delivered.has(text)).length;
const duplicateSends = telegram
  .duplicates()
  .filter((d) => d.text.startsWith("soak outbox #"))
  .reduce((sum, d) => sum + d.count - 1, 0);
const [inbound, outbox] = await Promise.all([
  db.prisma.inboundUpdate.groupBy({ by: ["state"], _count: true }),
  db.prisma.outbox.groupBy({ by: ["state"], _count: true }),
]);

stopping = true;
const termAt = Date.now();
bot.child.kill("SIGTERM");
const exitCode = await bot.exited;
const stopMs = Date.now() - termAt;

const lines = [
  `soak: ${minutes} min, ${rate} updates/s, ${sendRate} sends/s, PostgreSQL dropped ${drops.length}× for ${dropForMs / 1000} s (${drops.join(", ")})`,
  machineLine(),
  `updates: sent ${sent}, acknowledged ${acknowledged.size}, handled ${handled}; lost ${lostUpdates}, never acknowledged ${unacknowledged}, answered twice ${twice} (POSTs ${posts}, re-deliveries after 503/timeout ${redeliveries})`,
  `outbox: queued ${queued.length}, delivered ${queued.length - lostSends}; lost ${lostSends}, delivered twice ${duplicateSends} (queue failures ${queueFailures})`,
  `process exits during the run: ${exits}; minute ticks that failed and were logged: ${tickFailures}; drained in ${drainedIn} s; SIGTERM → exit ${exitCode} in ${stopMs} ms`,
  `rows at the end: inbound ${JSON.stringify(Object.fromEntries(inbound.map((r) => [r.state, r._count])))}, outbox ${JSON.stringify(Object.fromEntries(outbox.map((r) => [r.state, r._count])))}`,
];
process.stdout.write(`${lines.join("\n")}\n`);

await db.close();
await schema.drop();
await proxy.close();
await telegram.close();
await rm(dataDir, { recursive: true, force: true });
const clean =
  lostUpdates + unacknowledged + twice + lostSends + duplicateSends + exits === 0 && exitCode === 0;
process.exit(clean ? 0 : 1);
