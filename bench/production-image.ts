/**
 * The runtime image without a Docker engine: reads the Dockerfile, runs its "deps" stage in a
 * scratch folder (the same COPY list, the same RUN lines), assembles the "runtime" stage's
 * folder from its COPY lines, prints the size of its node_modules, then uses it as a deployment
 * would (README, "Deployment"): starts the CMD (embedded database, console channel, piped
 * `/start`) and runs the HEALTHCHECK; imports units and a plan with the image's CLI; asks the
 * bot for the digest (chart: echarts + resvg) and the Excel export (exceljs); reads a .docx and a
 * .pdf plan (saxes, unpdf) and the exported .xlsx. Exits 1 if any step fails.
 *
 * The "build" stage's products (dist/, node_modules/.prisma, the embedded database template in
 * node_modules/.cache/vhcv-bot) come from this checkout: `npm run build` here, and what the
 * postinstall wrote (`prisma generate`, `npm run db:template`). With --build-stage the build
 * stage runs in the scratch folder too (a full `npm ci`: slower).
 *
 * Run: npx tsx bench/production-image.ts [--build-stage] [--keep]
 */
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));

interface Instruction {
  op: string;
  rest: string;
}
interface Stage {
  name: string;
  steps: Instruction[];
}

/** Dockerfile → stages of instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + line);
    pending = "";
  }
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op = "", ...words] = line.split(/\s+/);
    const rest = line.slice(op.length).trim();
    if (op.toUpperCase() === "FROM") {
      stages.push({ name: words[2] ?? String(stages.length), steps: [] });
    } else {
      stages.at(-1)?.steps.push({ op: op.toUpperCase(), rest });
    }
  }
  return stages;
}

const ignored = readFileSync(join(root, ".dockerignore"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));
const inContext = (source: string) => {
  const rel = relative(root, source);
  return !ignored.some((pattern) => rel === pattern || rel.startsWith(`${pattern}/`));
};

/** Docker's COPY: a folder's contents go into the destination; files keep their names. */
function copy(sources: string[], destination: string, filter?: (source: string) => boolean) {
  const intoFolder = destination.endsWith("/") || sources.length > 1;
  for (const source of sources) {
    if (!existsSync(source)) throw new Error(`COPY: ${source} does not exist`);
    if (statSync(source).isDirectory()) {
      cpSync(source, destination, { recursive: true, ...(filter ? { filter } : {}) });
    } else {
      const target = intoFolder ? join(destination, basename(source)) : destination;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(source, target);
    }
  }
}

interface StageResult {
  /** Where the stage's WORKDIR (/app) is on this machine. */
  app: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string | undefined;
}

function runStage(stage: Stage, scratch: string, done: Map<string, StageResult>, last: boolean) {
  const app = join(scratch, stage.name);
  mkdirSync(app, { recursive: true });
  const result: StageResult = { app, env: {}, cmd: [], healthcheck: undefined };
  const local = (path: string) => (path.startsWith("/app") ? join(app, path.slice(4)) : path);
  for (const { op, rest } of stage.steps) {
    if (op === "WORKDIR" && rest !== "/app") throw new Error(`WORKDIR ${rest}: only /app is known`);
    if (op === "COPY") {
      const words = rest.split(/\s+/);
      const from = words[0]?.startsWith("--from=") ? words.shift()?.slice(7) : undefined;
      const destination = local(words.pop() ?? ".");
      const target = destination.startsWith("/") ? destination : join(app, destination);
      if (from) {
        const source = done.get(from)?.app;
        if (!source) throw new Error(`COPY --from=${from}: stage not run`);
        copy(
          words.map((word) => join(source, word.replace(/^\/app\/?/, ""))),
          target + (destination.endsWith("/") ? "/" : ""),
        );
      } else {
        copy(
          words.map((word) => join(root, word)),
          target + (destination.endsWith("/") ? "/" : ""),
          inContext,
        );
      }
    } else if (op === "RUN") {
      if (last) {
        // The final stage only creates the volume's folder and hands it to the `node` user.
        console.log(`  (skipped in the final stage: RUN ${rest})`);
        continue;
      }
      console.log(`  RUN ${rest}`);
      execFileSync("sh", ["-c", rest], { cwd: app, stdio: "inherit" });
    } else if (op === "ENV") {
      for (const match of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
        result.env[match[1] ?? ""] = (match[2] ?? "").replace(/^"|"$/g, "");
      }
    } else if (op === "CMD") {
      result.cmd = JSON.parse(rest) as string[];
    } else if (op === "HEALTHCHECK") {
      result.healthcheck = /\bCMD\s+(.*)$/.exec(rest)?.[1];
    }
  }
  return result;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Start the image's CMD, feed it lines one at a time (each after the previous answer). */
async function chat(
  image: StageResult,
  env: Record<string, string>,
  exchanges: { send: string; expect: RegExp }[],
  onReady?: () => Promise<void>,
): Promise<{ output: string; firstAnswerMs: number }> {
  const [command = "node", ...argv] = image.cmd;
  const child = spawn(command === "node" ? process.execPath : command, argv, {
    cwd: image.app,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout.on("data", (data: Buffer) => (output += data.toString()));
  child.stderr.on("data", (data: Buffer) => (errors += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const start = performance.now();
  let firstAnswerMs = 0;
  try {
    for (const [i, { send, expect }] of exchanges.entries()) {
      const from = output.length;
      child.stdin.write(`${send}\n`);
      const deadline = Date.now() + 120_000;
      while (!expect.test(output.slice(from))) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(
            `no answer matching ${expect} to "${send}"\n--- stdout\n${output}\n--- stderr\n${errors}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (i === 0) {
        firstAnswerMs = performance.now() - start;
        await onReady?.();
      }
    }
  } finally {
    child.stdin.end();
  }
  const code = await exited;
  if (code !== 0) throw new Error(`the bot exited with ${code}\n${errors}`);
  return { output, firstAnswerMs };
}

function cli(image: StageResult, env: Record<string, string>, argv: string[]): string {
  try {
    return execFileSync(process.execPath, ["bin/vhcv.js", ...argv], {
      cwd: image.app,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(
      `vhcv ${argv.join(" ")} failed\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`,
    );
  }
}

const megabytes = (path: string) =>
  Number(execFileSync("du", ["-sm", path], { encoding: "utf8" }).split("\t")[0]);

async function main() {
  const stages = parseDockerfile(readFileSync(join(root, "Dockerfile"), "utf8"));
  const scratch = mkdtempSync(join(tmpdir(), "vhcv-image-"));
  const done = new Map<string, StageResult>();
  let failed = false;
  try {
    const buildStage = args.has("--build-stage");
    if (!buildStage) {
      // The build stage's products, from this checkout.
      execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
      done.set("build", { app: root, env: {}, cmd: [], healthcheck: undefined });
    }
    for (const [i, stage] of stages.entries()) {
      if (stage.name === "build" && !buildStage) continue;
      console.log(`stage ${stage.name}`);
      const started = performance.now();
      done.set(stage.name, runStage(stage, scratch, done, i === stages.length - 1));
      console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const image = done.get(stages.at(-1)?.name ?? "");
    if (!image) throw new Error("no final stage");
    const modules = join(image.app, "node_modules");
    const top = execFileSync("sh", ["-c", "du -sm * @*/* 2>/dev/null | sort -rn | head -8"], {
      cwd: modules,
      encoding: "utf8",
    });
    console.log(`runtime node_modules: ${megabytes(modules)} MB; largest:`);
    console.log(top.replace(/^/gm, "  ").trimEnd());

    const data = join(scratch, "data");
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
      HOME: process.env.HOME ?? "",
      ...image.env,
      DATA_DIR: data,
      PORT: String(port),
      LOG_LEVEL: "warn",
    };
    let health = "no HEALTHCHECK";
    const probe = async () => {
      if (!image.healthcheck) return;
      const code = await new Promise<number | null>((resolve) =>
        spawn("sh", ["-c", image.healthcheck ?? ""], { cwd: image.app, env, stdio: "inherit" }).on(
          "close",
          resolve,
        ),
      );
      health = code === 0 ? "healthy" : `unhealthy (exit ${code})`;
      if (code !== 0) throw new Error(`HEALTHCHECK: ${health}`);
    };
    const first = await chat(image, env, [{ send: "/start", expect: /Xin chào/ }], probe);
    console.log(
      `CMD ${image.cmd.join(" ")}: answered /start in ${first.firstAnswerMs.toFixed(0)} ms`,
    );
    console.log(`HEALTHCHECK: ${health}`);

    // The README's deployment steps, with the image's CLI.
    console.log(
      cli(image, env, ["units", "import", "data/samples/don-vi-thai-nguyen.yaml"]).trim(),
    );
    const planFile = "data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt";
    console.log(cli(image, env, ["plan", "import", planFile]).trim().split("\n")[0]);
    const parsed = JSON.parse(cli(image, env, ["plan", "parse", planFile, "--json"])) as {
      plan: { code: string };
    };
    const xlsx = join(scratch, "plan.xlsx");
    console.log(cli(image, env, ["plan", "export", parsed.plan.code, "--xlsx", xlsx]).trim());
    const documents = join(root, "test/fixtures/plans/documents");
    for (const file of [
      xlsx,
      join(documents, "ke-hoach-libreoffice.docx"),
      join(documents, "ke-hoach-libreoffice.pdf"),
    ]) {
      const tasks = cli(image, env, ["plan", "parse", file]).trim().split("\n").length - 1;
      console.log(`plan parse ${basename(file)}: ${tasks} tasks`);
      if (tasks < 1) throw new Error(`no task read from ${file}`);
    }

    // Modules only some commands load: the digest chart and the Excel export.
    const second = await chat(image, env, [
      { send: "/start", expect: /Xin chào/ },
      { send: "/tonghop", expect: /\.png/ },
      { send: "/xuatexcel", expect: /\.xlsx/ },
    ]);
    const files = [...second.output.matchAll(/(\/\S+\.(?:png|xlsx))/g)].map((m) => m[1] ?? "");
    console.log(
      `/tonghop and /xuatexcel answered with ${files.map((f) => basename(f)).join(", ")}`,
    );
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? error.message : error);
  } finally {
    if (args.has("--keep")) console.log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  console.log(failed ? "FAILED" : "OK: the runtime image's stage installs and runs");
  process.exitCode = failed ? 1 : 0;
}

await main();
