/**
 * What the secretariat sees before a plan is imported — on `vhcv plan import --dry-run` and in
 * the chat after sending a file: title and code, tasks per unit, each task's deadline ("chưa có
 * thời hạn" for undated ones), what could not be read (with its line or row), unit names that
 * match no registered unit, and what the import would add, change and keep.
 */
import type { PrismaClient } from "@prisma/client";
import { messageList } from "../core/message-key.js";
import { describeDeadline } from "../domain/deadline/describe.js";
import {
  formatPlanFileError,
  type ParsedPlan,
  type PlanFileError,
  type UnitKind,
} from "../domain/plan/types.js";
import { render, t, type Locale, type TranslationKey } from "../i18n.js";
import type { UnresolvedUnit } from "./plan-import-units.js";
import { importPlan, type PlanImportOptions, type PlanImportSummary } from "./plans.js";

export interface PlanImportPreview {
  file: string;
  plan: { code: string; title: string };
  /** Tasks per unit as the plan writes it, in the plan's order. */
  perUnit: { unit: string; count: number }[];
  tasks: { ref: string; unit: string; deadlineText: string; dated: boolean; due: string }[];
  /** What could not be read, and tasks that need the admin's eye (undated ones). */
  warnings: PlanFileError[];
  summary: PlanImportSummary;
}

/** Every non-fatal problem once: the plan's warnings, then task warnings not already among them. */
export function planWarnings(parsed: ParsedPlan, file: string): PlanFileError[] {
  const warnings = [...parsed.warnings];
  // Messages compare by what they say (key and parameters), as the words would.
  const seen = new Set(warnings.map((w) => JSON.stringify(w.message)));
  for (const task of parsed.tasks) {
    if (!task.warning || seen.has(JSON.stringify(task.warning))) continue;
    seen.add(JSON.stringify(task.warning));
    warnings.push({
      file,
      ...(task.line !== undefined ? { line: task.line } : {}),
      message: messageList([task.ref, task.warning], ": "),
    });
  }
  return warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The preview: reads the database (units, the stored plan), writes nothing. */
export async function previewPlanImport(
  prisma: PrismaClient,
  parsed: ParsedPlan,
  options: Pick<PlanImportOptions, "file" | "now" | "createUnits" | "mappings" | "actor">,
  locale?: Locale,
): Promise<PlanImportPreview> {
  const summary = await importPlan(prisma, parsed, { ...options, dryRun: true });
  const perUnit: PlanImportPreview["perUnit"] = [];
  for (const task of parsed.tasks) {
    const entry = perUnit.find((u) => u.unit === task.unit);
    if (entry) entry.count += 1;
    else perUnit.push({ unit: task.unit, count: 1 });
  }
  return {
    file: options.file,
    plan: { code: parsed.plan.code, title: parsed.plan.title },
    perUnit,
    tasks: parsed.tasks.map((task) => ({
      ref: task.ref,
      unit: task.unit,
      deadlineText: task.deadlineText,
      dated: task.deadline !== null,
      due:
        task.deadline !== null
          ? render(describeDeadline(task.deadline), locale)
          : t("planImport.undated", {}, locale),
    })),
    warnings: planWarnings(parsed, options.file),
    summary,
  };
}

const KIND_KEYS: Record<UnitKind, TranslationKey> = {
  department: "planImport.kind.department",
  district: "planImport.kind.district",
  commune: "planImport.kind.commune",
  public_service: "planImport.kind.public_service",
  other: "planImport.kind.other",
};

export function unitKindLabel(kind: UnitKind, locale?: Locale): string {
  return t(KIND_KEYS[kind], {}, locale);
}

/** "“Tên” (nhiệm vụ IV.3.a, dòng 25)", with the reason when it is not simply an unknown name. */
export function describeUnresolved(unit: UnresolvedUnit, locale?: Locale): string {
  const where = t(
    unit.line !== undefined ? "planImport.unresolvedWhereLine" : "planImport.unresolvedWhere",
    { refs: unit.refs.join(", "), line: unit.line ?? "" },
    locale,
  );
  if (unit.reason === "no_units_of_kind")
    return t("planImport.unresolvedNoneOfKind", { name: unit.name, where }, locale);
  if (unit.reason === "no_units")
    return t("planImport.unresolvedNoUnit", { name: unit.name || "—", where }, locale);
  return t(
    "planImport.unresolvedUnknown",
    {
      name: unit.name,
      where,
      code: unit.proposed?.code ?? "?",
      kind: unitKindLabel(unit.proposed?.kind ?? "other", locale),
    },
    locale,
  );
}

/**
 * The add/change/keep lines. `done`: the import happened (occurrences are counted); else it is
 * what would happen, and `dryRunNote` adds "nothing written" (the CLI's --dry-run).
 */
export function formatSummaryLines(
  summary: PlanImportSummary,
  options: { done: boolean; dryRunNote?: boolean },
  locale?: Locale,
): string[] {
  const list = (refs: string[]) =>
    refs.length > 0 ? refs.join(", ") : t("plans.none", {}, locale);
  const lines = [
    t(
      "plans.summary",
      {
        code: summary.plan.code,
        state: t(`plans.state.${summary.plan.state}`, {}, locale),
        added: list(summary.tasks.added),
        changed: list(summary.tasks.changed),
        kept: list(summary.tasks.kept),
      },
      locale,
    ),
  ];
  if (summary.tasks.notInFile.length > 0)
    lines.push(t("plans.notInFile", { refs: summary.tasks.notInFile.join(", ") }, locale));
  if (summary.units.created.length > 0)
    lines.push(
      t(
        options.done ? "planImport.unitsCreated" : "planImport.unitsToCreate",
        {
          units: summary.units.created
            .map((u) => `${u.code} (${u.name}, ${unitKindLabel(u.kind, locale)})`)
            .join("; "),
        },
        locale,
      ),
    );
  if (!options.done) {
    if (options.dryRunNote) lines.push(t("plans.dryRun", {}, locale));
  } else
    lines.push(
      t(
        "plans.occurrences",
        { added: summary.occurrences.added, updated: summary.occurrences.updated },
        locale,
      ),
    );
  return lines;
}

/** Warnings with their line or row, one per line, at most `max` (then "… and N more"). */
export function formatWarningLines(
  warnings: PlanFileError[],
  locale?: Locale,
  max = Infinity,
): string[] {
  if (warnings.length === 0) return [];
  const lines = [t("planImport.warnings", { count: warnings.length }, locale)];
  for (const warning of warnings.slice(0, max))
    lines.push(`  ${render(formatPlanFileError(warning), locale)}`);
  if (warnings.length > max)
    lines.push(`  ${t("planImport.more", { count: warnings.length - max }, locale)}`);
  return lines;
}

/**
 * The preview as text. `maxTasks`/`maxWarnings` keep a chat message readable (the CLI prints all).
 * `dryRun`: the CLI's preview ends with "nothing written"; the chat's asks for confirmation instead.
 */
export function formatPreview(
  preview: PlanImportPreview,
  options: { locale?: Locale; maxTasks?: number; maxWarnings?: number; dryRun: boolean },
): string {
  const { locale } = options;
  const maxTasks = options.maxTasks ?? Infinity;
  const lines: string[] = [
    t(
      "planImport.heading",
      { title: preview.plan.title, code: preview.plan.code, file: preview.file },
      locale,
    ),
    t("planImport.perUnit", { count: preview.tasks.length }, locale),
    ...preview.perUnit.map((u) =>
      t("planImport.perUnitLine", { unit: u.unit || "?", count: u.count }, locale),
    ),
    t("planImport.deadlines", {}, locale),
  ];
  for (const task of preview.tasks.slice(0, maxTasks)) {
    lines.push(
      t(
        task.dated || task.deadlineText === "" ? "planImport.taskLine" : "planImport.taskLineText",
        { ref: task.ref, unit: task.unit || "?", due: task.due, text: task.deadlineText },
        locale,
      ),
    );
  }
  if (preview.tasks.length > maxTasks)
    lines.push(`  ${t("planImport.more", { count: preview.tasks.length - maxTasks }, locale)}`);
  const undated = preview.tasks.filter((task) => !task.dated).length;
  if (undated > 0) lines.push(t("planImport.undatedCount", { count: undated }, locale));
  lines.push(...formatWarningLines(preview.warnings, locale, options.maxWarnings));
  const { unresolved } = preview.summary.units;
  if (unresolved.length > 0) {
    lines.push(t("planImport.unresolved", { count: unresolved.length }, locale));
    for (const unit of unresolved) lines.push(`  • ${describeUnresolved(unit, locale)}`);
  }
  lines.push(
    ...formatSummaryLines(preview.summary, { done: false, dryRunNote: options.dryRun }, locale),
  );
  return lines.join("\n");
}
