import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { PlanFileInvalid, formatPlanFileError, type ParsedPlan } from "../domain/plan/types.js";
import { t } from "../i18n.js";
import { readPlanFile } from "../services/plan-files/read-plan-file.js";
import { writePlanXlsx } from "../services/plan-files/xlsx-plan.js";
import { exportPlan, importPlan, type PlanImportSummary } from "../services/plans.js";
import { type CliContext, print } from "./context.js";

/** Every problem of a bad file, with its line or cell, on stderr; exit code 1. */
export function reportFileErrors(file: string, error: PlanFileInvalid): void {
  process.stderr.write(`${t("plans.fileErrors", { file, count: error.errors.length })}\n`);
  for (const problem of error.errors) process.stderr.write(`  ${formatPlanFileError(problem)}\n`);
  process.exitCode = 1;
}

/** Read a plan file; a bad file prints every error with its line or cell and exits 1. */
export async function readPlanOrExit(path: string): Promise<ParsedPlan | undefined> {
  try {
    return await readPlanFile(await readFile(path), basename(path));
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
    })),
  };
}

export function formatImportSummary(summary: PlanImportSummary, dryRun: boolean): string {
  const list = (refs: string[]) => (refs.length > 0 ? refs.join(", ") : t("plans.none"));
  const lines = [
    t("plans.summary", {
      code: summary.plan.code,
      state: t(`plans.state.${summary.plan.state}`),
      added: list(summary.tasks.added),
      changed: list(summary.tasks.changed),
      kept: list(summary.tasks.kept),
    }),
  ];
  if (summary.tasks.notInFile.length > 0)
    lines.push(t("plans.notInFile", { refs: summary.tasks.notInFile.join(", ") }));
  if (dryRun) lines.push(t("plans.dryRun"));
  else
    lines.push(
      t("plans.occurrences", {
        added: summary.occurrences.added,
        updated: summary.occurrences.updated,
      }),
    );
  return lines.join("\n");
}

export function registerPlan(program: Command, ctx: () => CliContext): void {
  const plan = program.command("plan").description("plans: parse, import, export, list");
  plan
    .command("parse")
    .description(
      "read a plan file (.txt as published, .yaml/.json, .csv, .xlsx) and print what was understood",
    )
    .argument("<file>")
    .option("--json", "print the contract JSON")
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
    .description("import or re-import a plan (tasks matched by plan code and ref)")
    .argument("<file>")
    .option("--dry-run", "print what would be added, changed and kept; write nothing")
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const parsed = await readPlanOrExit(file);
      if (!parsed) return;
      const context = ctx();
      const db = await context.database();
      try {
        const summary = await importPlan(db.prisma, parsed, {
          file: basename(file),
          dryRun: options.dryRun ?? false,
          actor: "cli",
          now: context.clock.now(),
        });
        await print(formatImportSummary(summary, options.dryRun ?? false));
      } catch (error) {
        if (error instanceof PlanFileInvalid) {
          reportFileErrors(file, error);
          return;
        }
        throw error;
      }
    });
  plan
    .command("export")
    .description("write a stored plan back to Excel in the import layout")
    .argument("<code>", "plan code")
    .requiredOption("--xlsx <file>", "output .xlsx file")
    .action(async (code: string, options: { xlsx: string }) => {
      const db = await ctx().database();
      const parsed = await exportPlan(db.prisma, code);
      if (!parsed) {
        process.stderr.write(`${t("plans.notFound", { code })}\n`);
        process.exitCode = 1;
        return;
      }
      await writeFile(options.xlsx, await writePlanXlsx(parsed));
      await print(t("plans.exported", { file: options.xlsx, tasks: parsed.tasks.length }));
    });
  plan
    .command("list")
    .description("list stored plans")
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
