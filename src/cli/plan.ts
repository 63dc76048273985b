import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { localDateOf } from "../domain/calendar/index.js";
import { exampleDates } from "../domain/calendar/examples.js";
import { PlanFileInvalid, formatPlanFileError, type ParsedPlan } from "../domain/plan/types.js";
import { render, t } from "../i18n.js";
import { readPlanFile } from "../readers/read-plan-file.js";
import { writePlanXlsx } from "../readers/xlsx-plan.js";
import {
  describeUnresolved,
  formatPreview,
  formatSummaryLines,
  formatWarningLines,
  planWarnings,
  previewPlanImport,
} from "../services/plan-import-preview.js";
import { parseUnitMapping, type UnitMapping } from "../services/plan-import-units.js";
import {
  UnitsUnresolved,
  exportPlan,
  importPlan,
  setDeadlineMessage,
  setTaskDeadline,
  type PlanImportSummary,
} from "../services/plans.js";
import { type CliContext, print } from "./context.js";
import { onFile } from "./errors.js";

/** Every problem of a bad file, with its line or cell, on stderr; exit code 1. */
export function reportFileErrors(file: string, error: PlanFileInvalid): void {
  process.stderr.write(`${t("plans.fileErrors", { file, count: error.errors.length })}\n`);
  for (const problem of error.errors)
    process.stderr.write(`  ${render(formatPlanFileError(problem))}\n`);
  process.exitCode = 1;
}

/** Read a plan file; a bad file prints every error with its line or cell and exits 1. */
export async function readPlanOrExit(path: string): Promise<ParsedPlan | undefined> {
  try {
    return await readPlanFile(await onFile(path, false, () => readFile(path)), basename(path));
  } catch (error) {
    if (error instanceof PlanFileInvalid) {
      reportFileErrors(path, error);
      return undefined;
    }
    throw error;
  }
}

/** The contract of `vhcv plan parse --json`. */
export function planJson(parsed: ParsedPlan) {
  return {
    plan: {
      code: parsed.plan.code,
      title: parsed.plan.title,
      issuer: parsed.plan.issuer,
      period: parsed.plan.period,
    },
    tasks: parsed.tasks.map((task) => ({
      ref: task.ref,
      unit: task.unit,
      title: task.title,
      deadlineText: task.deadlineText,
      deadline: task.deadline,
      cooperating: task.cooperating,
      assignees: task.assignees,
      body: task.body,
      ...(task.warning ? { warning: render(task.warning) } : {}),
    })),
    warnings: parsed.warnings.map((w) => ({
      ...(w.line !== undefined ? { line: w.line } : {}),
      ...(w.cell !== undefined ? { cell: w.cell } : {}),
      // A .docx table row or a PDF page: "bảng 2, hàng 5", "trang 3".
      ...(w.sheet !== undefined ? { where: w.sheet } : {}),
      message: render(w.message),
    })),
  };
}

/** The summary of a finished import (what was added, changed, kept; units registered). */
export function formatImportSummary(summary: PlanImportSummary, dryRun: boolean): string {
  return formatSummaryLines(summary, { done: !dryRun, dryRunNote: dryRun }).join("\n");
}

/** `--map "Tên đơn vị=CODE"`, repeatable. */
function collectMapping(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function mappingsOrExit(values: string[]): UnitMapping[] | undefined {
  const mappings: UnitMapping[] = [];
  for (const value of values) {
    const mapping = parseUnitMapping(value);
    if (!mapping) {
      process.stderr.write(`${t("planImport.badMapArg", { value })}\n`);
      process.exitCode = 2;
      return undefined;
    }
    mappings.push(mapping);
  }
  return mappings;
}

/** Names that match no unit: listed on stderr with the two ways out; exit code 1. */
function reportUnresolved(error: UnitsUnresolved): void {
  const lines = [t("planImport.unresolved", { count: error.unresolved.length })];
  for (const unit of error.unresolved) lines.push(`  • ${describeUnresolved(unit)}`);
  const creatable = error.unresolved.filter((u) => u.reason === "unknown").length;
  if (creatable > 0) lines.push(t("planImport.refused", { count: creatable }));
  if (creatable < error.unresolved.length) lines.push(t("planImport.refusedKind"));
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exitCode = 1;
}

export function registerPlan(program: Command, ctx: () => CliContext): void {
  const plan = program.command("plan").description(t("cli.help.plan"));
  plan
    .command("parse")
    .description(t("cli.help.planParse"))
    .argument("<tệp>", t("cli.help.planFile"))
    .option("--json", t("cli.help.planJson"))
    .action(async (file: string, options: { json?: boolean }) => {
      const parsed = await readPlanOrExit(file);
      if (!parsed) return;
      if (options.json) {
        await print(JSON.stringify(planJson(parsed)));
        return;
      }
      await print(
        [
          `${parsed.plan.title} (${parsed.plan.code}) — ${parsed.plan.issuer}`,
          ...parsed.tasks.map(
            (task) => `${task.ref}\t${task.unit}\t${task.deadlineText}\t${task.title}`,
          ),
        ].join("\n"),
      );
    });
  plan
    .command("import")
    .description(t("cli.help.planImport"))
    .argument("<tệp>", t("cli.help.planFile"))
    .option("--dry-run", t("cli.help.planDryRun"))
    .option("--create-units", t("cli.help.planCreateUnits"))
    .option("--map <tên=mã>", t("cli.help.planMap"), collectMapping, [] as string[])
    .action(
      async (file: string, options: { dryRun?: boolean; createUnits?: boolean; map: string[] }) => {
        const mappings = mappingsOrExit(options.map);
        if (!mappings) return;
        const parsed = await readPlanOrExit(file);
        if (!parsed) return;
        const context = ctx();
        const db = await context.database();
        const importOptions = {
          file: basename(file),
          actor: "cli",
          now: context.clock.now(),
          createUnits: options.createUnits ?? false,
          mappings,
        };
        try {
          if (options.dryRun) {
            const preview = await previewPlanImport(db.prisma, parsed, importOptions);
            await print(formatPreview(preview, { dryRun: true }));
            return;
          }
          const summary = await importPlan(db.prisma, parsed, importOptions);
          await print(
            [
              formatImportSummary(summary, false),
              ...formatWarningLines(planWarnings(parsed, basename(file))),
            ].join("\n"),
          );
        } catch (error) {
          if (error instanceof PlanFileInvalid) {
            reportFileErrors(file, error);
            return;
          }
          if (error instanceof UnitsUnresolved) {
            reportUnresolved(error);
            return;
          }
          throw error;
        }
      },
    );
  plan
    .command("deadline")
    .description(t("cli.help.planDeadline"))
    .argument("<mã-kế-hoạch>", t("cli.help.planCode"))
    .argument("<số-hiệu>", t("cli.help.planRef"))
    .argument("<thời-hạn...>", t("cli.help.planPhrase", exampleDates(localDateOf(new Date()))))
    .action(async (planCode: string, ref: string, words: string[]) => {
      const context = ctx();
      const db = await context.database();
      const phrase = words.join(" ");
      const outcome = await setTaskDeadline(db.prisma, {
        planCode,
        ref,
        phrase,
        actor: "cli",
        now: context.clock.now(),
      });
      const today = localDateOf(context.clock.now());
      const message = setDeadlineMessage(outcome, { planCode, ref, phrase, today });
      if (outcome.ok) {
        await print(message);
        return;
      }
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
    });
  plan
    .command("export")
    .description(t("cli.help.planExport"))
    .argument("<mã-kế-hoạch>", t("cli.help.planCode"))
    .requiredOption("--xlsx <tệp>", t("cli.help.planXlsx"))
    .action(async (code: string, options: { xlsx: string }) => {
      const db = await ctx().database();
      const parsed = await exportPlan(db.prisma, code);
      if (!parsed) {
        process.stderr.write(`${t("plans.notFound", { code })}\n`);
        process.exitCode = 1;
        return;
      }
      const workbook = await writePlanXlsx(parsed);
      await onFile(options.xlsx, true, () => writeFile(options.xlsx, workbook));
      await print(t("plans.exported", { file: options.xlsx, tasks: parsed.tasks.length }));
    });
  plan
    .command("list")
    .description(t("cli.help.planList"))
    .action(async () => {
      const db = await ctx().database();
      const plans = await db.prisma.plan.findMany({
        include: { _count: { select: { tasks: true } } },
        orderBy: { id: "asc" },
      });
      await print(
        plans.map((p) => `${p.code}\t${p._count.tasks}\t${p.title}`).join("\n") ||
          t("commands.kehoach.none"),
      );
    });
}
