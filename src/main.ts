import { parseArgs } from "node:util";
import { startApp } from "./app.js";
import { configOrExit, databaseOrExit, loggerFor } from "./bootstrap.js";
import { systemClock } from "./clock.js";
import { ensureConsoleUser } from "./services/console-users.js";
import { loadDemoData } from "./services/demo.js";

const { values: flags } = parseArgs({
  options: {
    as: { type: "string", default: "admin" },
    "no-demo": { type: "boolean", default: false },
  },
  allowPositionals: false,
});

const config = configOrExit();
const logger = loggerFor(config);
const db = await databaseOrExit(config, logger);
const clock = systemClock;

if (!flags["no-demo"]) {
  const demo = await loadDemoData(db.prisma, clock.now());
  if (demo)
    logger.info({ units: demo.units, plan: demo.plan, tasks: demo.tasks }, "demo data loaded");
}
const consoleUser = await ensureConsoleUser(db.prisma, flags.as ?? "admin");
const app = await startApp({
  config,
  db,
  logger,
  clock,
  console: { input: process.stdin, output: process.stdout, user: consoleUser },
});

let shuttingDown: Promise<void> | undefined;
function shutdown(reason: string, code = 0): Promise<void> {
  shuttingDown ??= (async () => {
    logger.info({ reason }, "shutting down");
    const timer = setTimeout(() => {
      logger.error("shutdown took longer than 10 s; exiting");
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await app.stop();
      await db.close();
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      code = 1;
    }
    // stdin and other handles may still be open: leave now that the work is done.
    process.exit(code);
  })();
  return shuttingDown;
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
if (app.channels.has("console")) {
  void app.consoleEnded.then(() => shutdown("console input ended"));
}
