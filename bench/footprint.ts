/**
 * Start-up time to the first answer, and resident memory idle and after work, for the built bot
 * (`node dist/src/main.js` with the Node flags of the Dockerfile's CMD, console channel, demo data)
 * on the embedded database and on PostgreSQL.
 * Run: npx tsx bench/footprint.ts   (builds dist/ first; PostgreSQL when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EMBEDDED_POSTGRESQL_CONF } from "../src/db/client.js";
import { machineLine } from "./machine.js";

const root = fileURLToPath(new URL("..", import.meta.url));

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface Footprint {
  firstAnswerMs: number;
  idleMb: number;
  afterMb: number;
}

/** The Node flags the image runs the bot with: what stands between "node" and the script in CMD. */
function imageNodeFlags(): string[] {
  const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? "[]") as string[];
  return cmd.slice(1, cmd.indexOf("dist/src/main.js"));
}

async function measure(env: Record<string, string>): Promise<Footprint> {
  const child = spawn(process.execPath, [...imageNodeFlags(), "dist/src/main.js"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const waitFor = (text: string, count = 1) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (out.split(text).length - 1 >= count) {
          child.stdout.off("data", check);
          resolve();
        }
      };
      child.stdout.on("data", check);
      check();
    });
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const start = performance.now();
  child.stdin.write("/start\n");
  await waitFor("Xin chào");
  const firstAnswerMs = performance.now() - start;
  await new Promise((r) => setTimeout(r, 3000));
  const idleMb = await rssMb(child.pid ?? 0);
  const questions = [
    "co dc di dep le di lam ko",
    "uống bia buổi trưa có sao không",
    "4 xin 4 luôn là gì",
    "lương cơ sở bao nhiêu",
  ];
  for (let i = 0; i < 300; i += 1) child.stdin.write(`${questions[i % questions.length]} ${i}\n`);
  for (let i = 0; i < 100; i += 1) child.stdin.write("/nhiemvu STP\n");
  child.stdin.write("/toi\n");
  await waitFor("Vai trò:");
  const afterMb = await rssMb(child.pid ?? 0);
  child.stdin.end();
  await new Promise((resolve) => child.on("close", resolve));
  return { firstAnswerMs, idleMb, afterMb };
}

/** Later starts vary with the moment V8 collects: each figure is the median of `runs` starts. */
async function medianOf(runs: number, env: Record<string, string>): Promise<Footprint> {
  const all: Footprint[] = [];
  for (let i = 0; i < runs; i += 1) all.push(await measure(env));
  const median = (pick: (f: Footprint) => number) =>
    all.map(pick).sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
  return {
    firstAnswerMs: median((f) => f.firstAnswerMs),
    idleMb: median((f) => f.idleMb),
    afterMb: median((f) => f.afterMb),
  };
}

const LATER_STARTS = 3;
const LATER = {
  embedded: `embedded (PGlite), later starts (median of ${LATER_STARTS})`,
  postgres: `PostgreSQL, later starts (median of ${LATER_STARTS})`,
};

export async function runFootprintBench(): Promise<string> {
  // Always from the current sources: a stale dist/ would measure old code.
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  const rows: [string, Footprint][] = [];
  const dataDir = await mkdtemp(join(tmpdir(), "vhcv-footprint-"));
  try {
    rows.push([
      "embedded (PGlite), first start: migrations + demo data",
      await measure({ DATA_DIR: dataDir }),
    ]);
    rows.push([LATER.embedded, await medianOf(LATER_STARTS, { DATA_DIR: dataDir })]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const schemaUrl = new URL(url);
    const schema = `bench_fp_${Date.now()}`;
    schemaUrl.searchParams.set("schema", schema);
    rows.push(["PostgreSQL, first start", await measure({ DATABASE_URL: schemaUrl.toString() })]);
    rows.push([
      LATER.postgres,
      await medianOf(LATER_STARTS, { DATABASE_URL: schemaUrl.toString() }),
    ]);
    execFileSync("psql", [url, "-qc", `DROP SCHEMA ${schema} CASCADE`]);
  }
  const idle = (name: string) => rows.find(([row]) => row === name)?.[1].idleMb;
  const embeddedIdle = idle(LATER.embedded);
  const postgresIdle = idle(LATER.postgres);
  const pglite = JSON.parse(
    await readFile(join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string };
  return [
    `### Footprint (node ${[...imageNodeFlags(), "dist/src/main.js"].join(" ")}, console channel, demo data; 300 questions + 100 /nhiemvu for “after”)`,
    "",
    `${machineLine()}; PGlite ${pglite.version} with ${EMBEDDED_POSTGRESQL_CONF.join(", ")}`,
    "",
    "| run | start to first answer | RSS idle | RSS after the work |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      ([name, f]) =>
        `| ${name} | ${f.firstAnswerMs.toFixed(0)} ms | ${f.idleMb.toFixed(0)} MB | ${f.afterMb.toFixed(0)} MB |`,
    ),
    ...(embeddedIdle !== undefined && postgresIdle !== undefined
      ? [
          "",
          `Idle, later starts (median of ${LATER_STARTS}): embedded ${embeddedIdle.toFixed(0)} MB = ${(embeddedIdle / postgresIdle).toFixed(2)} × PostgreSQL's ${postgresIdle.toFixed(0)} MB (goal: < 200 MB and < 1.3 ×).`,
        ]
      : []),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runFootprintBench());
}
