import { configOrExit, databaseOrExit, loggerFor } from "../bootstrap.js";
import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";

export interface CliContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Opened on first use: commands that need no database never take the embedded lock. */
  database(): Promise<Database>;
  close(): Promise<void>;
}

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
      db ??= databaseOrExit(config, logger);
      return db;
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}

/** Write text to stdout and wait until it is flushed (a piped stdout is asynchronous). */
export function print(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`, () => resolve());
  });
}
