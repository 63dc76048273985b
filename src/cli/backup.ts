import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { BackupRejectedError, sealBackup } from "../db/backup-archive.js";
import { embeddedFolder } from "../db/client.js";
import { EmbeddedDatabaseBusyError } from "../db/embedded-lock.js";
import {
  EmbeddedFolderNotEmptyError,
  PreviousFolderLeftError,
  restoreEmbedded,
} from "../db/restore-embedded.js";
import { embeddedBusyMessage } from "../bootstrap.js";
import { t } from "../i18n.js";
import { type CliContext, print } from "./context.js";
import { CliMistake, EXIT_FAILED, onFile } from "./errors.js";

/** A refused restore: what was wrong with the file, and that the data in place is untouched. */
function rejected(error: BackupRejectedError, file: string, folder: string): CliMistake {
  return new CliMistake(
    "cli.restoreRejected",
    {
      reason: t(`cli.restoreProblem.${error.problem}`, { file, detail: error.detail }),
      folder,
    },
    EXIT_FAILED,
  );
}

export function registerBackup(program: Command, ctx: () => CliContext): void {
  program
    .command("backup")
    .description(t("cli.help.backup"))
    .requiredOption("--out <tệp>", t("cli.help.backupOut"))
    .action(async (options: { out: string }) => {
      const context = ctx();
      if (context.config.databaseUrl) {
        process.stderr.write(`${t("cli.backupPostgres")}\n`);
        process.exitCode = 1;
        return;
      }
      const db = await context.database();
      const dump = await db.dumpEmbedded?.();
      if (!dump) throw new Error("embedded database has no dump");
      // The manifest (entry count, SHA-256) lets restore tell a damaged copy from a good one.
      const sealed = sealBackup(dump, context.clock.now());
      await onFile(options.out, true, () => writeFile(options.out, sealed));
      await print(
        t("cli.backupDone", { file: options.out, size: Math.round(sealed.length / 1024) }),
      );
    });
  program
    .command("restore")
    .description(t("cli.help.restore"))
    .requiredOption("--from <tệp>", t("cli.help.restoreFrom"))
    .option("--force", t("cli.help.restoreForce"))
    .action(async (options: { from: string; force?: boolean }) => {
      const context = ctx();
      const folder = embeddedFolder(context.config.dataDir);
      // PostgreSQL is restored with pg_restore in one transaction; this command never touches it.
      if (context.config.databaseUrl) {
        throw new CliMistake("cli.restorePostgres", {}, EXIT_FAILED);
      }
      const backup = await onFile(options.from, false, () => readFile(options.from));
      try {
        const restored = await restoreEmbedded(context.config.dataDir, backup, {
          force: options.force ?? false,
        });
        await print(
          t("cli.restoreDone", {
            folder: restored.folder,
            units: restored.units,
            reports: restored.reports,
          }),
        );
        if (!restored.manifest) await print(t("cli.restoreLegacy"));
      } catch (error) {
        if (error instanceof BackupRejectedError) throw rejected(error, options.from, folder);
        if (error instanceof EmbeddedFolderNotEmptyError) {
          throw new CliMistake("cli.restoreNotEmpty", { folder: error.folder }, EXIT_FAILED);
        }
        if (error instanceof PreviousFolderLeftError) {
          throw new CliMistake("cli.restorePreviousLeft", { folder: error.folder }, EXIT_FAILED);
        }
        if (error instanceof EmbeddedDatabaseBusyError) {
          process.stderr.write(`${embeddedBusyMessage(error)}\n`);
          process.exitCode = 3;
          return;
        }
        throw error;
      }
    });
}
