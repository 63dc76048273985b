/**
 * Fan-out benchmark: N reminders due in the same minute, queued in the outbox and drained through
 * the real TelegramChannel against a fake Bot API that enforces Telegram's limits (30 msg/s
 * overall, 1/s per chat). Prints the drain time against the theoretical minimum (N / 30 s), the
 * 429s received and the duplicates (must be 0).
 *
 *   npx tsx bench/fanout.ts [--n 10000] [--variant distinct|repeated|both] [--db pglite|postgres|all]
 *
 * PostgreSQL runs when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh schema, dropped after).
 */
import { cpus, totalmem } from "node:os";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { TelegramChannel } from "../src/channels/telegram/channel.js";
import { systemClock } from "../src/clock.js";
import { createLogger } from "../src/logger.js";
import { enqueueMany, outboxCounts, type OutboxItem } from "../src/services/outbox.js";
import { createOutboxSender } from "../src/workers/outbox-sender.js";
import { startFakeTelegram } from "../test/fakes/telegram-limited.js";
import { openBenchDatabase } from "./db.js";

export type FanoutVariant = "distinct" | "repeated";

export interface FanoutOptions {
  /** Messages to send. Default 10 000. */
  n?: number;
  variants?: FanoutVariant[];
  /** Which databases; PostgreSQL only when a URL is known. Default: all available. */
  databases?: Array<"pglite" | "postgres">;
  /** PostgreSQL URL; default BENCH_DATABASE_URL or TEST_DATABASE_URL. */
  databaseUrl?: string;
  /** Simulated network latency added by the fake server. Default 0. */
  latencyMs?: number;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

interface RunResult {
  database: string;
  variant: FanoutVariant;
  n: number;
  chats: number;
  enqueueMs: number;
  drainMs: number;
  minimumMs: number;
  tooManyRequests: number;
  duplicates: number;
  sent: number;
  failed: number;
  parked: number;
  maxInOneSecond: number;
}

const silent = createLogger({ level: "silent", secrets: [] });
const PER_SECOND = 30;

/** The reminders of one minute: distinct chats, or every 10th chat getting three messages. */
function reminders(n: number, variant: FanoutVariant): { items: OutboxItem[]; chats: number } {
  const items: OutboxItem[] = [];
  let chat = 0;
  while (items.length < n) {
    chat += 1;
    const copies = variant === "repeated" && chat % 10 === 0 ? 3 : 1;
    for (let k = 1; k <= copies && items.length < n; k++) {
      const chatId = String(100_000_000 + chat);
      items.push({
        channel: "telegram",
        chatId,
        payload: {
          text: `Nhắc hạn: nhiệm vụ IV.3.a của đơn vị ${chat} đến hạn ngày 30/06/2024 (tin ${k}).`,
          buttons: [[{ label: "Hoàn thành", data: `done:${chat}:${k}` }]],
        },
        purpose: `reminder:${chat}:${k}`,
        dedupeKey: `reminder:${chat}:${k}`,
      });
    }
  }
  return { items, chats: chat };
}

async function runOne(
  database: "pglite" | "postgres",
  variant: FanoutVariant,
  options: Required<Pick<FanoutOptions, "n" | "latencyMs" | "log">> & { url: string | undefined },
): Promise<RunResult> {
  const { n, log } = options;
  const { db, close } = await openBenchDatabase(database, options.url);
  const fake = await startFakeTelegram({ latencyMs: options.latencyMs });
  try {
    const { items, chats } = reminders(n, variant);
    const now = systemClock.now();
    const enqueueStart = performance.now();
    // As the scheduler would: one transaction per batch of reminders.
    for (let i = 0; i < items.length; i += 500) {
      const batch = items.slice(i, i + 500);
      await db.prisma.$transaction((tx) => enqueueMany(tx, batch, now));
    }
    const enqueueMs = performance.now() - enqueueStart;

    const channel = new TelegramChannel({
      token: "123456:bench",
      apiRoot: fake.apiRoot,
      menu: [],
      logger: silent,
    });
    const sender = createOutboxSender({
      db,
      clock: systemClock,
      logger: silent,
      channels: ["telegram"],
      send: (_name, message) => channel.send(message),
    });
    const startedAt = Date.now();
    sender.start();
    let lastReport = startedAt;
    for (;;) {
      await delay(200);
      const counts = await outboxCounts(db);
      if (counts.pending === 0) break;
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        const seconds = (lastReport - startedAt) / 1000;
        log(
          `  ${database}/${variant}: ${fake.accepted.length}/${n} sent in ${seconds.toFixed(0)} s ` +
            `(${(fake.accepted.length / seconds).toFixed(1)}/s), 429s ${fake.tooManyRequests}`,
        );
      }
    }
    await sender.stop();
    const lastAt = fake.accepted.at(-1)?.at ?? startedAt;
    const counts = await outboxCounts(db);
    return {
      database,
      variant,
      n,
      chats,
      enqueueMs,
      drainMs: lastAt - startedAt,
      minimumMs: (n / PER_SECOND) * 1000,
      tooManyRequests: fake.tooManyRequests,
      duplicates: fake.duplicates().length,
      sent: counts.sent,
      failed: counts.failed,
      parked: counts.parked,
      maxInOneSecond: maxInWindow(
        fake.accepted.map((m) => m.at),
        1000,
      ),
    };
  } finally {
    await fake.close();
    await close();
  }
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function markdown(results: RunResult[], latencyMs: number): string {
  const cpu = cpus();
  const lines = [
    "## Outbox fan-out (Telegram limits: 30 msg/s overall, 1/s per chat)",
    "",
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `Node ${process.version}; fake Bot API on 127.0.0.1, latency ${latencyMs} ms.`,
    "",
    "| database | variant | messages | chats | enqueue | drain | minimum (n/30) | ratio | 429s | duplicates | max in 1 s | sent / failed / parked |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.database} | ${r.variant} | ${r.n} | ${r.chats} | ${(r.enqueueMs / 1000).toFixed(2)} s | ` +
        `${(r.drainMs / 1000).toFixed(1)} s | ${(r.minimumMs / 1000).toFixed(1)} s | ` +
        `${(r.drainMs / r.minimumMs).toFixed(3)} | ${r.tooManyRequests} | ${r.duplicates} | ` +
        `${r.maxInOneSecond} | ${r.sent} / ${r.failed} / ${r.parked} |`,
    );
  }
  return lines.join("\n") + "\n";
}

/** Runs the fan-out benchmark and returns a markdown report. */
export async function runFanoutBench(options: FanoutOptions = {}): Promise<string> {
  const url =
    options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const n = options.n ?? 10_000;
  const latencyMs = options.latencyMs ?? 0;
  const log = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const variants = options.variants ?? ["distinct", "repeated"];
  const databases = (options.databases ?? ["pglite", "postgres"]).filter(
    (d) => d === "pglite" || url !== undefined,
  );
  const results: RunResult[] = [];
  for (const database of databases) {
    for (const variant of variants) {
      log(`fanout: ${database}, ${variant}, n=${n}…`);
      results.push(await runOne(database, variant, { n, latencyMs, log, url }));
    }
  }
  return markdown(results, latencyMs);
}

const argsSchema = z.object({
  n: z.coerce.number().int().positive().default(10_000),
  variant: z.enum(["distinct", "repeated", "both"]).default("both"),
  db: z.enum(["pglite", "postgres", "all"]).default("all"),
  latency: z.coerce.number().int().min(0).default(0),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string" },
      variant: { type: "string" },
      db: { type: "string" },
      latency: { type: "string" },
    },
  });
  const args = argsSchema.parse(values);
  const report = await runFanoutBench({
    n: args.n,
    variants: args.variant === "both" ? ["distinct", "repeated"] : [args.variant],
    databases: args.db === "all" ? ["pglite", "postgres"] : [args.db],
    latencyMs: args.latency,
  });
  process.stdout.write(report);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
