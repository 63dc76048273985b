import { assembleTasks, type TaskDraft } from "../domain/plan/assemble.js";
import { planFileError, type ErrorLocation } from "../domain/plan/errors.js";
import { planCodeFromTitle } from "../domain/plan/plan-info.js";
import { NO_DEADLINE_WRITTEN, undatedTaskWarnings } from "../domain/plan/task-deadline.js";
import {
  PlanFileInvalid,
  type ParsedPlan,
  type PlanFileError,
  type PlanInfo,
} from "../domain/plan/types.js";
import {
  PLAN_COLUMNS,
  matchHeader,
  planInfoKey,
  type ColumnSpec,
  type PlanColumnKey,
  type PlanInfoKey,
} from "./columns.js";

/** One row of a CSV file or worksheet, with how to point at its cells in error messages. */
export interface SheetRow {
  line: number;
  cells: string[];
  at(column: number): ErrorLocation;
}

export type PlanInfoOverrides = Partial<Pick<PlanInfo, "code" | "title" | "issuer" | "period">>;

export interface TableOptions {
  /** Plan metadata given by the caller; wins over rows in the file. */
  plan?: PlanInfoOverrides;
}

const HEADER_SEARCH_ROWS = 20;

/** The header row: the first row naming at least three known columns (or all required ones). */
export function findHeaderRow<K extends string>(
  rows: readonly SheetRow[],
  columns: readonly ColumnSpec<K>[],
): { index: number; columns: Map<K, number> } | null {
  const required = columns.filter((c) => c.required).length;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const found = matchHeader(rows[i]?.cells ?? [], columns);
    if (found.size >= Math.min(3, required)) return { index: i, columns: found };
  }
  return null;
}

export function isBlankRow(row: SheetRow): boolean {
  return row.cells.every((c) => c.trim() === "");
}

/** Missing columns of a header, one error each. */
export function missingColumnErrors<K extends string>(
  file: string,
  columns: readonly ColumnSpec<K>[],
  found: Map<K, number>,
  where: ErrorLocation,
): PlanFileError[] {
  return columns
    .filter((c) => c.required && !found.has(c.key))
    .map((c) => planFileError(file, "column_missing", { column: c.header }, where));
}

export function headerMissingError(
  file: string,
  columns: readonly ColumnSpec<string>[],
  where: ErrorLocation,
): PlanFileError {
  const names = columns.filter((c) => c.required).map((c) => c.header);
  return planFileError(file, "header_missing", { columns: names.join(", ") }, where);
}

/** "Sở Nội vụ; Sở Tài chính" (or one per line) → names. */
export function splitList(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function readInfoRows(rows: readonly SheetRow[]): Partial<Record<PlanInfoKey, string>> {
  const info: Partial<Record<PlanInfoKey, string>> = {};
  for (const row of rows) {
    const key = planInfoKey(row.cells[0] ?? "");
    const value = row.cells
      .slice(1)
      .find((c) => c.trim() !== "")
      ?.trim();
    if (key && value !== undefined && info[key] === undefined) info[key] = value;
  }
  return info;
}

/**
 * A plan from rows: metadata rows (label, value) above the header or in `infoRows`, the header,
 * then one task per row. Throws PlanFileInvalid with every problem found.
 */
export function planFromRows(
  rows: readonly SheetRow[],
  file: string,
  options: TableOptions & { infoRows?: readonly SheetRow[]; errors?: PlanFileError[] } = {},
): ParsedPlan {
  const errors = options.errors ?? [];
  const header = findHeaderRow(rows, PLAN_COLUMNS);
  if (!header) {
    errors.push(headerMissingError(file, PLAN_COLUMNS, rows[0]?.at(0) ?? { line: 1 }));
    throw new PlanFileInvalid(errors);
  }
  const headerRow = rows[header.index];
  errors.push(
    ...missingColumnErrors(file, PLAN_COLUMNS, header.columns, headerRow?.at(0) ?? { line: 1 }),
  );

  const info = {
    ...readInfoRows(options.infoRows ?? []),
    ...readInfoRows(rows.slice(0, header.index)),
  };
  const overrides = options.plan ?? {};
  const title = overrides.title ?? info.title ?? "";
  if (title === "") errors.push(planFileError(file, "plan_title_missing", {}, { line: 1 }));

  const drafts: TaskDraft[] = [];
  const cell = (row: SheetRow, key: PlanColumnKey): { text: string; at: ErrorLocation } => {
    const index = header.columns.get(key);
    if (index === undefined) return { text: "", at: row.at(0) };
    return { text: (row.cells[index] ?? "").trim(), at: row.at(index) };
  };
  for (const row of rows.slice(header.index + 1)) {
    if (isBlankRow(row)) continue;
    const ref = cell(row, "ref");
    const deadline = cell(row, "deadline");
    // An empty deadline cell is a task without a calendar date: a warning, not an error.
    const required = { ref, title: cell(row, "title"), unit: cell(row, "unit") };
    for (const column of PLAN_COLUMNS) {
      const value = required[column.key as keyof typeof required];
      if (value && value.text === "" && header.columns.has(column.key)) {
        errors.push(planFileError(file, "required_cell", { column: column.header }, value.at));
      }
    }
    if (ref.text === "") continue;
    drafts.push({
      ref: ref.text,
      unit: required.unit.text,
      cooperating: splitList(cell(row, "cooperating").text),
      title: required.title.text,
      body: cell(row, "body").text,
      deadlineText: deadline.text,
      line: row.line,
      refAt: ref.at,
      deadlineAt: deadline.at,
      ...(deadline.text === "" ? { parsedDeadline: NO_DEADLINE_WRITTEN } : {}),
    });
  }
  const tasks = assembleTasks(drafts, file, errors);
  if (drafts.length === 0 && errors.length === 0) {
    errors.push(planFileError(file, "no_tasks", {}, headerRow?.at(0) ?? {}));
  }
  if (errors.length > 0) throw new PlanFileInvalid(errors);

  const periodText = overrides.period !== undefined ? overrides.period : (info.period ?? null);
  const period = periodText === null || periodText.trim() === "" ? null : periodText.trim();
  return {
    plan: {
      code: overrides.code ?? info.code ?? planCodeFromTitle(title, period),
      title,
      issuer: overrides.issuer ?? info.issuer ?? "",
      period,
    },
    tasks,
    warnings: undatedTaskWarnings(tasks, file),
  };
}
