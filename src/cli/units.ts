import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { PlanFileInvalid } from "../domain/plan/types.js";
import { t } from "../i18n.js";
import { readUnitsFile } from "../readers/units-file.js";
import { importUnits } from "../services/units.js";
import { type CliContext, print } from "./context.js";
import { onFile } from "./errors.js";
import { reportFileErrors } from "./plan.js";

export function registerUnits(program: Command, ctx: () => CliContext): void {
  const units = program.command("units").description(t("cli.help.units"));
  units
    .command("import")
    .description(t("cli.help.unitsImport"))
    .argument("<tệp>", t("cli.help.unitsFile"))
    .option("--dry-run", t("cli.help.dryRun"))
    .action(async (file: string, options: { dryRun?: boolean }) => {
      let list;
      try {
        list = readUnitsFile(await onFile(file, false, () => readFile(file)), basename(file));
      } catch (error) {
        if (error instanceof PlanFileInvalid) {
          reportFileErrors(file, error);
          return;
        }
        throw error;
      }
      const context = ctx();
      const db = await context.database();
      const summary = await importUnits(db.prisma, list, {
        dryRun: options.dryRun ?? false,
        actor: "cli",
        now: context.clock.now(),
      });
      const join = (codes: string[]) => (codes.length > 0 ? codes.join(", ") : t("plans.none"));
      await print(
        [
          t("plans.unitsSummary", {
            added: join(summary.added),
            changed: join(summary.changed),
            kept: join(summary.kept),
          }),
          ...(options.dryRun ? [t("plans.dryRun")] : []),
        ].join("\n"),
      );
    });
  units
    .command("list")
    .description(t("cli.help.unitsList"))
    .action(async () => {
      const db = await ctx().database();
      const rows = await db.prisma.unit.findMany({ orderBy: { code: "asc" } });
      await print(
        rows
          .map((u) => `${u.code}\t${u.kind}\t${u.active ? "" : "(inactive) "}${u.name}`)
          .join("\n"),
      );
    });
}
