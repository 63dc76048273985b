import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { openDatabase, type Database, type EmbeddedLockOptions } from "./db/client.js";
import { EmbeddedFolderDamagedError } from "./db/embedded-folder.js";
import { EmbeddedDatabaseBusyError } from "./db/embedded-lock.js";
import { backoffMs, type Backoff } from "./domain/backoff.js";
import { setDefaultLocale, t } from "./i18n.js";
import { createLogger, type Logger } from "./logger.js";

export const EXIT_CONFIG = 2;
export const EXIT_DATABASE_BUSY = 3;
/** The embedded folder holds files that do not open: nothing is created over them. */
export const EXIT_DATABASE_DAMAGED = 4;
/** The embedded folder's lock was removed or replaced by another process while the bot ran. */
export const EXIT_LOCK_LOST = 5;

/** "… đang được một tiến trình khác dùng: bot đang chạy (PID 1234) …" */
export function embeddedBusyMessage(error: EmbeddedDatabaseBusyError): string {
  const holder = error.holder
    ? t(`cli.embeddedHolder.${error.holder.role}`, { pid: error.holder.pid })
    : t("cli.embeddedHolder.unknown");
  return t("cli.embeddedBusy", { folder: error.folder, holder });
}

/** Read .env (never overriding the real environment) and validate; exit 2 naming every problem. */
export function configOrExit(): Config {
  loadDotenv({ quiet: true });
  try {
    const config = loadConfig(process.env);
    setDefaultLocale(config.locale);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${t("cli.configInvalid")}\n${error.problems.map((p) => `  - ${p}`).join("\n")}\n`,
      );
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

export function loggerFor(config: Config): Logger {
  return createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    pretty: config.env !== "production" && process.stderr.isTTY === true,
  });
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "57P03",
]);

/** A PostgreSQL server that is not there (yet): worth waiting for, not worth crashing over. */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNREACHABLE.has(code)) return true;
  return error instanceof AggregateError && error.errors.some(isUnreachable);
}

/** Waits for a service that is not there yet at start: 1 s doubling to 30 s. */
export const START_UP_BACKOFF: Backoff = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

export interface DatabaseWait {
  wait?: (ms: number) => Promise<void>;
  onWaiting?: (attempt: number, error: unknown) => void;
  /** Give up (rethrow) after this many tries: the CLI says so rather than wait for ever. */
  maxAttempts?: number;
  /** Embedded only: who takes the folder's lock and what to do if it is taken from us. */
  embeddedLock?: EmbeddedLockOptions;
}

/**
 * Open the configured database. A PostgreSQL server that is down is waited for with backoff
 * (1 s doubling to 30 s, logged); a busy embedded folder is a clear message (naming the process
 * that holds it) and exit code 3, one whose files do not open is a clear message and exit code 4
 * (never a new empty database).
 */
export async function databaseOrExit(
  config: Config,
  logger: Logger,
  options: DatabaseWait = {},
): Promise<Database> {
  const wait =
    options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        logger,
        embeddedLock: options.embeddedLock ?? { role: "cli" },
      });
    } catch (error) {
      if (error instanceof EmbeddedDatabaseBusyError) {
        process.stderr.write(`${embeddedBusyMessage(error)}\n`);
        process.exit(EXIT_DATABASE_BUSY);
      }
      if (error instanceof EmbeddedFolderDamagedError) {
        logger.error({ err: error }, "embedded data folder does not open");
        process.stderr.write(
          `${t("cli.embeddedDamaged", { folder: error.folder, detail: error.detail })}\n`,
        );
        process.exit(EXIT_DATABASE_DAMAGED);
      }
      if (!config.databaseUrl || !isUnreachable(error) || attempt >= maxAttempts) throw error;
      const delay = backoffMs(attempt, START_UP_BACKOFF);
      logger.warn({ err: error, attempt, retryInMs: delay }, "database unreachable; retrying");
      options.onWaiting?.(attempt, error);
      await wait(delay);
    }
  }
}
