import { configOrExit, databaseOrExit, loggerFor } from "../bootstrap.js";
import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { t } from "../i18n.js";
import type { Logger } from "../logger.js";

export interface CliContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Opened on first use: commands that need no database never take the embedded lock. */
  database(): Promise<Database>;
  close(): Promise<void>;
}

export const CLI_DATABASE_ATTEMPTS = 3;

export function createCliContext(): CliContext {
  const config = configOrExit();
  // The CLI prints results on stdout; keep logs quiet unless asked.
  const logger = loggerFor({
    ...config,
    logLevel: process.env.LOG_LEVEL ? config.logLevel : "warn",
  });
  let db: Promise<Database> | undefined;
  return {
    config,
    logger,
    clock: systemClock,
    database() {
      // A few quick tries (1 s, 2 s), then one sentence and exit 1 (src/cli/errors.ts).
      // Its log lines carry stacks: the admin reads one Vietnamese line per try instead.
      db ??= databaseOrExit(config, logger.child({}, { level: "error" }), {
        onWaiting: (attempt) =>
          process.stderr.write(
            `${t("cli.errors.databaseRetry", { attempt, of: CLI_DATABASE_ATTEMPTS })}\n`,
          ),
        maxAttempts: CLI_DATABASE_ATTEMPTS,
        embeddedLock: { role: "cli" },
      });
      return db;
    },
    async close() {
      // A database that never opened has nothing to close (its failure was already said).
      const opened = await db?.catch(() => undefined);
      await opened?.close();
    },
  };
}

/** Write text to stdout and wait until it is flushed (a piped stdout is asynchronous). */
export function print(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`, () => resolve());
  });
}
