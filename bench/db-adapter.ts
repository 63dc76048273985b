/**
 * Embedded mode: pglite-prisma-adapter (Prisma talks to PGlite in-process) against
 * @electric-sql/pglite-socket + @prisma/adapter-pg (PGlite behind a local PostgreSQL socket).
 * Same schema, same operations, same process. Run: npx tsx bench/db-adapter.ts
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../src/db/migrate.js";
import { pgliteRunner } from "../src/db/sql-runner.js";
import { createLogger } from "../src/logger.js";
import { machineLine, ms } from "./machine.js";

const N = Number(process.env.BENCH_N ?? 2000);
const logger = createLogger({ level: "silent", secrets: [] });

interface Variant {
  name: string;
  open(pglite: PGlite): Promise<{ prisma: PrismaClient; close(): Promise<void> }>;
}

const variants: Variant[] = [
  {
    name: "pglite-prisma-adapter",
    async open(pglite) {
      const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
      return { prisma, close: () => prisma.$disconnect() };
    },
  },
  {
    name: "pglite-socket + adapter-pg",
    async open(pglite) {
      const server = new PGLiteSocketServer({ db: pglite, port: 0, host: "127.0.0.1" });
      await server.start();
      // Queries from several connections are interleaved at query level by the socket server:
      // one connection is the only safe setting for transactions.
      const pool = new pg.Pool({
        connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`,
        max: 1,
      });
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      return {
        prisma,
        async close() {
          await prisma.$disconnect();
          await pool.end();
          await server.stop();
        },
      };
    },
  },
];

async function time<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function runVariant(variant: Variant) {
  const folder = await mkdtemp(join(tmpdir(), "vhcv-adapter-"));

  const openStart = performance.now();
  const pglite = await PGlite.create(folder);
  await applyMigrations(pgliteRunner(pglite), logger);
  const { prisma, close } = await variant.open(pglite);
  await prisma.unit.count();
  const openMs = performance.now() - openStart;
  const insertMs = await time(async () => {
    for (let i = 0; i < N; i += 1) {
      await prisma.unit.create({
        data: { code: `U${i}`, name: `Đơn vị ${i}`, kind: "department" },
      });
    }
  });
  const readMs = await time(async () => {
    for (let i = 0; i < N; i += 1) await prisma.unit.findUnique({ where: { code: `U${i}` } });
  });
  const txMs = await time(async () => {
    for (let i = 0; i < N / 10; i += 1) {
      await prisma.$transaction(async (tx) => {
        const unit = await tx.unit.findUniqueOrThrow({ where: { code: `U${i}` } });
        await tx.unit.update({ where: { id: unit.id }, data: { name: `${unit.name}*` } });
        await tx.auditLog.create({
          data: { actor: "bench", action: "rename", subject: unit.code },
        });
      });
    }
  });
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  await close();
  await pglite.close();
  await rm(folder, { recursive: true, force: true });
  return { name: variant.name, openMs, insertMs, readMs, txMs, rssMb };
}

type Row = Awaited<ReturnType<typeof runVariant>>;

/** Each variant in its own process, so that start-up and memory figures do not bleed. */
function runInChild(index: number): Promise<Row> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_VARIANT: String(index) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`variant ${index} exited ${code}`));
      else resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Row);
    });
  });
}

export async function runAdapterBench(): Promise<string> {
  const rows: Row[] = [];
  for (const index of variants.keys()) rows.push(await runInChild(index));
  const lines = [
    `### Embedded database adapter (${N} inserts, ${N} reads, ${N / 10} transactions of 3 statements)`,
    "",
    machineLine(),
    "",
    "| adapter | open + migrate | insert / op | read / op | transaction / op | process RSS after |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.openMs)} | ${ms(r.insertMs / N)} | ${ms(r.readMs / N)} | ${ms(r.txMs / (N / 10))} | ${r.rssMb.toFixed(0)} MB |`,
    ),
  ];
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.env.BENCH_VARIANT;
  const variant = only === undefined ? undefined : variants[Number(only)];
  if (variant) console.log(JSON.stringify(await runVariant(variant)));
  else console.log(await runAdapterBench());
}
