/**
 * Digest benchmark: how long the weekly digest takes to build for 1 000 units × 20 000
 * occurrences (≈ 30 000 status reports): load the state from the database, run the digest model
 * (figures now and a week before, lists), and render the texts (Telegram and Zalo). The chart
 * and the workbook are timed apart. Prints markdown.
 *
 *   npx tsx bench/digest.ts [--units 1000] [--occurrences 20000] [--runs 5]
 *
 * PostgreSQL runs too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh schema, dropped after).
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Prisma } from "@prisma/client";
import type { Database } from "../src/db/client.js";
import { addDays, instantAt } from "../src/domain/calendar/index.js";
import { buildDigest } from "../src/domain/digest/build.js";
import { digestDocument } from "../src/domain/digest/document.js";
import { lastCompleteWeek } from "../src/domain/digest/period.js";
import { renderDigestChart } from "../src/presentation/digest/chart.js";
import { buildDigestWorkbook } from "../src/presentation/digest/excel.js";
import { loadDigestState } from "../src/services/digest/load.js";
import { renderDigest } from "../src/presentation/digest/render.js";
import { openBenchDatabase } from "./db.js";
import { machineLine, ms, percentile } from "./machine.js";

export interface DigestBenchOptions {
  units?: number;
  occurrences?: number;
  /** Timed builds per database (after one warm-up). Default 5. */
  runs?: number;
  databases?: Array<"pglite" | "postgres">;
  databaseUrl?: string;
  log?: (line: string) => void;
}

const AT = instantAt("2024-11-25", "08:00");
const BATCH = 5_000;
const STATUSES = ["not_started", "in_progress", "blocked", "extension_requested", "done"] as const;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Deterministic pseudo-random numbers (the same data on every run and database). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function seed(db: Database, unitCount: number, occurrenceCount: number): Promise<number> {
  const { prisma } = db;
  const next = random(42);
  await inBatches(
    Array.from({ length: unitCount }, (_, i) => ({
      code: `U${String(i + 1).padStart(4, "0")}`,
      name: `UBND xã Thử Nghiệm số ${i + 1}`,
      kind: "commune" as const,
    })),
    (data) => prisma.unit.createMany({ data }),
  );
  const units = await prisma.unit.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await inBatches(
    units.map((u, i) => ({
      channel: "telegram" as const,
      externalId: `head-${i}`,
      displayName: `Đầu mối ${i}`,
      privateChatId: `head-${i}`,
      role: "head" as const,
      unitId: u.id,
    })),
    (data) => prisma.account.createMany({ data }),
  );
  const accounts = await prisma.account.findMany({ select: { id: true, unitId: true } });
  const accountOf = new Map(accounts.map((a) => [a.unitId, a.id]));
  const plan = await prisma.plan.create({
    data: { code: "bench", title: "Kế hoạch thử", issuer: "UBND tỉnh", period: "2024 - 2025" },
  });
  const tasksPerUnit = Math.max(1, Math.round(occurrenceCount / unitCount));
  const tasks = [];
  for (let k = 0; k < tasksPerUnit; k++) {
    const ongoing = k % 5 === 4;
    tasks.push(
      await prisma.task.create({
        data: {
          planId: plan.id,
          ref: `IV.${k + 1}`,
          position: k,
          unitText: "Các đơn vị",
          title: `Nhiệm vụ thử số ${k + 1}: rà soát, sửa đổi quy chế làm việc gắn với văn hóa công vụ`,
          body: "",
          deadlineText: ongoing ? "Thường xuyên" : "Năm 2024",
          deadline: ongoing ? { kind: "ongoing" } : { kind: "once", due: "2024-12-31" },
        },
      }),
    );
  }
  const occurrences: Prisma.OccurrenceCreateManyInput[] = [];
  for (const unit of units) {
    for (const [k, task] of tasks.entries()) {
      if (occurrences.length >= occurrenceCount) break;
      const ongoing = k % 5 === 4;
      const due = ongoing ? "2024-12-31" : addDays("2024-06-30", Math.floor(next() * 200));
      occurrences.push({
        code: `${unit.id}-${k}`,
        taskId: task.id,
        unitId: unit.id,
        periodKey: ongoing ? "2024-Q4" : "once",
        periodStart: new Date(ongoing ? "2024-10-01" : "2024-01-01"),
        dueDate: new Date(`${due}T00:00:00Z`),
      });
    }
  }
  await inBatches(occurrences, (data) => prisma.occurrence.createMany({ data }));
  const created = await prisma.occurrence.findMany({ select: { id: true, unitId: true } });
  const reports: Prisma.StatusReportCreateManyInput[] = [];
  const finals = new Map<number, { status: (typeof STATUSES)[number]; at: Date }>();
  for (const occ of created) {
    const count = Math.floor(next() * 4); // 0–3 reports, 1.5 on average
    let previous: Prisma.InputJsonValue = {
      status: "not_started",
      progress: null,
      note: null,
      statusAt: null,
      doneAt: null,
    };
    for (let r = 0; r < count; r++) {
      const status = STATUSES[1 + Math.floor(next() * 4)] ?? "in_progress";
      const at = new Date(instantAt("2024-09-02", "09:00").getTime() + next() * 84 * 86_400_000);
      reports.push({
        occurrenceId: occ.id,
        status,
        progress: status === "done" ? 100 : Math.floor(next() * 100),
        note: status === "blocked" ? "Thiếu kinh phí" : null,
        accountId: accountOf.get(occ.unitId) ?? null,
        channel: "telegram",
        previous,
        createdAt: at,
      });
      previous = { status, progress: null, note: null, statusAt: at.toISOString(), doneAt: null };
      finals.set(occ.id, { status, at });
    }
  }
  await inBatches(reports, (data) => prisma.statusReport.createMany({ data }));
  // The occurrences' own fields follow their last report (as recordReport keeps them).
  for (const status of STATUSES) {
    const ids = [...finals].filter(([, f]) => f.status === status).map(([id]) => id);
    for (let i = 0; i < ids.length; i += BATCH) {
      await prisma.occurrence.updateMany({
        where: { id: { in: ids.slice(i, i + BATCH) } },
        data: { status, ...(status === "done" ? { doneAt: AT, progress: 100 } : {}) },
      });
    }
  }
  return reports.length;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function measure(db: Database, runs: number) {
  const period = lastCompleteWeek(AT);
  const times = {
    load: [] as number[],
    model: [] as number[],
    render: [] as number[],
    total: [] as number[],
  };
  let summary = "";
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now();
    const state = await loadDigestState(db.prisma);
    const t1 = performance.now();
    const digest = buildDigest(state, period);
    const t2 = performance.now();
    const document = digestDocument(digest, { scope: { all: true }, withChart: true });
    const telegram = renderDigest(document, "telegram");
    const zalo = renderDigest(document, "zalo");
    const t3 = performance.now();
    if (run === 0) {
      summary = `${state.occurrences.length} occurrences, ${digest.overdue.length} overdue, Telegram ${telegram.length} message(s), Zalo ${zalo.length} part(s)`;
      continue; // warm-up
    }
    times.load.push(t1 - t0);
    times.model.push(t2 - t1);
    times.render.push(t3 - t2);
    times.total.push(t3 - t0);
  }
  const state = await loadDigestState(db.prisma);
  const digest = buildDigest(state, period);
  const c0 = performance.now();
  renderDigestChart(digest);
  const chartMs = performance.now() - c0;
  const x0 = performance.now();
  const workbook = await buildDigestWorkbook(state, period);
  const excelMs = performance.now() - x0;
  return { times, summary, chartMs, excelMs, workbookBytes: workbook.length };
}

export async function runDigestBench(options: DigestBenchOptions = {}): Promise<string> {
  const units = options.units ?? 1_000;
  const occurrences = options.occurrences ?? 20_000;
  const runs = options.runs ?? 5;
  const url =
    options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const databases = options.databases ?? (url ? ["pglite", "postgres"] : ["pglite"]);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const lines = [
    machineLine(),
    `digest build: ${units} units × ${occurrences} occurrences; median of ${runs} runs after a warm-up`,
    "",
    "| database | seed | reports | load state | model | render texts | **build total** | chart PNG | workbook |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const notes: string[] = [];
  for (const kind of databases) {
    const { db, close } = await openBenchDatabase(kind, url);
    try {
      log(`${kind}: seeding…`);
      const s0 = performance.now();
      const reports = await seed(db, units, occurrences);
      const seedMs = performance.now() - s0;
      log(`${kind}: measuring…`);
      const r = await measure(db, runs);
      lines.push(
        `| ${kind} | ${ms(seedMs)} | ${reports} | ${ms(median(r.times.load))} | ${ms(median(r.times.model))} | ` +
          `${ms(median(r.times.render))} | **${ms(median(r.times.total))}** | ${ms(r.chartMs)} | ` +
          `${ms(r.excelMs)} (${Math.round(r.workbookBytes / 1024)} KiB) |`,
      );
      notes.push(`${kind}: ${r.summary}`);
    } finally {
      await close();
    }
  }
  return [...lines, "", ...notes].join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: "string" },
      occurrences: { type: "string" },
      runs: { type: "string" },
    },
  });
  console.log(
    await runDigestBench({
      ...(values.units ? { units: Number(values.units) } : {}),
      ...(values.occurrences ? { occurrences: Number(values.occurrences) } : {}),
      ...(values.runs ? { runs: Number(values.runs) } : {}),
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
