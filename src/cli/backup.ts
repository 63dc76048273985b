import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { EmbeddedFolderNotEmptyError, embeddedFolder, restoreEmbedded } from "../db/client.js";
import { EmbeddedDatabaseBusyError } from "../db/embedded-lock.js";
import { t } from "../i18n.js";
import { type CliContext, print } from "./context.js";
import { onFile } from "./errors.js";

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
      await onFile(options.out, true, () => writeFile(options.out, dump));
      await print(t("cli.backupDone", { file: options.out, size: Math.round(dump.length / 1024) }));
    });
  program
    .command("restore")
    .description(t("cli.help.restore"))
    .requiredOption("--from <tệp>", t("cli.help.restoreFrom"))
    .option("--force", t("cli.help.restoreForce"))
    .action(async (options: { from: string; force?: boolean }) => {
      const context = ctx();
      try {
        await restoreEmbedded(
          context.config.dataDir,
          await onFile(options.from, false, () => readFile(options.from)),
          {
            force: options.force ?? false,
          },
        );
        await print(t("cli.restoreDone", { folder: embeddedFolder(context.config.dataDir) }));
      } catch (error) {
        if (error instanceof EmbeddedFolderNotEmptyError) {
          process.stderr.write(`${t("cli.restoreNotEmpty", { folder: error.folder })}\n`);
          process.exitCode = 1;
          return;
        }
        if (error instanceof EmbeddedDatabaseBusyError) {
          process.stderr.write(`${t("cli.embeddedBusy", { folder: error.folder })}\n`);
          process.exitCode = 3;
          return;
        }
        throw error;
      }
    });
}
