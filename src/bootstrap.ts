import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { embeddedFolder, openDatabase, type Database } from "./db/client.js";
import { EmbeddedDatabaseBusyError } from "./db/embedded-lock.js";
import { setDefaultLocale, t } from "./i18n.js";
import { createLogger, type Logger } from "./logger.js";

export const EXIT_CONFIG = 2;
export const EXIT_DATABASE_BUSY = 3;

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

/** Open the configured database; a busy embedded folder is a clear message, not a crash. */
export async function databaseOrExit(config: Config, logger: Logger): Promise<Database> {
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) {
      process.stderr.write(
        `${t("cli.embeddedBusy", { folder: embeddedFolder(config.dataDir) })}\n`,
      );
      process.exit(EXIT_DATABASE_BUSY);
    }
    throw error;
  }
}
