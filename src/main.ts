import { existsSync } from "node:fs";
import { tasksCommand } from "../commands/nhiemvu.js";
import { mayUse } from "../commands/types.js";
import { httpPort, startApp, type App } from "./app.js";
import { consoleGreeting, isInteractive, progressReporter } from "./app/console-session.js";
import {
  configOrExit,
  databaseOrExit,
  EXIT_CONFIG,
  EXIT_LOCK_LOST,
  loggerFor,
} from "./bootstrap.js";
import { consoleOnly } from "./channels/registry.js";
import { systemClock } from "./clock.js";
import { embeddedFolder, type Database } from "./db/client.js";
import { startHttpServer, type HealthReport, type HttpHandle } from "./http/server.js";
import { t } from "./i18n.js";
import { installProcessGuards } from "./process-guards.js";
import { ensureConsoleUser } from "./services/console-users.js";
import { DEMO_PERSONAS, loadDemoData } from "./services/demo.js";
import { readStartFlags } from "./start-flags.js";

const startFlags = readStartFlags(process.argv.slice(2));
if ("exit" in startFlags) {
  (startFlags.exit === 0 ? process.stdout : process.stderr).write(`${startFlags.text}\n`);
  process.exit(startFlags.exit);
}
const flags = startFlags.flags;

const config = configOrExit();
/** The local console: the conversation is the output, so logs stay quiet unless LOG_LEVEL asks. */
const onConsole = consoleOnly(config);
const logger = loggerFor(
  onConsole && !process.env.LOG_LEVEL ? { ...config, logLevel: "warn" } : config,
);
/** A person at a terminal gets progress, a greeting and a prompt; piped, only the replies. */
const interactive = onConsole && isInteractive(process.stdin, process.stdout);
const progress = progressReporter(interactive ? process.stdout : undefined, config.locale);
/** What is up so far: a stop can come while we still wait for the database. */
const running: { http?: HttpHandle; db?: Database; app?: App } = {};

let shuttingDown: Promise<void> | undefined;
/** Stop intake, finish what is in flight, close the database; safe to call twice. */
function shutdown(reason: string, code = 0): Promise<void> {
  shuttingDown ??= (async () => {
    logger.info({ reason }, "shutting down");
    const timer = setTimeout(() => {
      logger.error("shutdown took longer than 10 s; exiting");
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await running.app?.stop();
      await running.http?.close();
      await running.db?.close();
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      code = 1;
    }
    // stdin and other handles may still be open: leave now that the work is done.
    process.exit(code);
  })();
  return shuttingDown;
}
// Early, so that a stop while still waiting for the database is clean too.
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
installProcessGuards(process, logger, shutdown);

// Listen before the database is open: /healthz answers "not ready" while we wait for it.
let starting: HealthReport = { ok: false, status: "starting", database: "connecting" };
const port = httpPort(config);
const http =
  port === undefined
    ? undefined
    : await startHttpServer({ port, logger, startingHealth: () => starting });
if (http) running.http = http;
progress(
  !config.databaseUrl && !existsSync(embeddedFolder(config.dataDir))
    ? { step: "newDatabase", folder: embeddedFolder(config.dataDir) }
    : { step: "openDatabase" },
);
const db = await databaseOrExit(config, logger, {
  onWaiting: (attempt) => {
    starting = { ok: false, status: "starting", database: "unavailable", attempts: attempt };
  },
  embeddedLock: {
    role: "bot",
    // Another process took the embedded folder: stop intake and leave before the data suffers.
    onLost: (reason) => {
      logger.fatal({ reason }, "embedded database lock lost; stopping");
      process.stderr.write(
        `${t("cli.embeddedLockLost", { folder: embeddedFolder(config.dataDir), code: EXIT_LOCK_LOST })}\n`,
      );
      void shutdown("embedded database lock lost", EXIT_LOCK_LOST);
    },
  },
});
running.db = db;
const clock = systemClock;

if (!flags.noDemo) {
  const demo = await loadDemoData(db.prisma, clock.now(), () => progress({ step: "demo" }));
  if (demo) {
    logger.info({ units: demo.units, plan: demo.plan, tasks: demo.tasks }, "demo data loaded");
    progress({ step: "demoLoaded", units: demo.units, tasks: demo.tasks });
  }
}
const consoleUser = await ensureConsoleUser(db.prisma, flags.as);
progress({ step: "starting" });
const app = await startApp({
  config,
  db,
  logger,
  clock,
  console: {
    input: process.stdin,
    output: process.stdout,
    user: consoleUser,
    ...(interactive
      ? {
          interactive: {
            greeting: consoleGreeting(
              consoleUser,
              DEMO_PERSONAS,
              config.locale,
              mayUse(tasksCommand, consoleUser.role),
            ),
          },
        }
      : {}),
  },
  ...(http ? { http } : {}),
  // A refused token will not heal by waiting: say which setting to fix and stop.
  onCredentialsRejected: (error) => {
    const { platform, setting, detail } = error;
    process.stderr.write(
      `${t("cli.credentialsRejected", { platform, setting, detail, code: EXIT_CONFIG })}
`,
    );
    void shutdown("bot token refused by the platform", EXIT_CONFIG);
  },
});
running.app = app;
if (app.channels.has("console")) {
  void app.consoleEnded.then(() => shutdown("console input ended"));
}
