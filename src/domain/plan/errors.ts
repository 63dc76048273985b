import { message, type KeysUnder, type MessageParam } from "../../core/message-key.js";
import type { PlanFileError, PlanFileErrorCode } from "./types.js";

type ErrorKey = KeysUnder<"planfile.error">;

const CODE_OF: Record<ErrorKey, PlanFileErrorCode> = {
  empty_file: "empty_file",
  unsupported_extension: "unsupported_extension",
  unsupported_units_extension: "unsupported_extension",
  syntax: "syntax",
  section_missing: "section_missing",
  title_missing: "required",
  no_tasks: "no_tasks",
  task_outside_unit: "no_tasks",
  task_empty: "task_empty",
  deadline_missing: "deadline_missing",
  deadline_invalid: "deadline_invalid",
  deadline_line_without_task: "deadline_missing",
  duplicate_ref: "duplicate_ref",
  header_missing: "header_missing",
  column_missing: "column_missing",
  sheet_missing: "sheet_missing",
  required_field: "required",
  required_cell: "required",
  plan_title_missing: "required",
  wrong_type: "schema",
  root_shape: "schema",
  invalid_value: "invalid_value",
  unit_kind_invalid: "invalid_value",
  duplicate_code: "duplicate_code",
  unknown_reference: "unknown_reference",
  date_invalid: "invalid_value",
};

export interface ErrorLocation {
  line?: number;
  cell?: string;
  sheet?: string;
}

/** The problem with only the parts of `where` that are set. */
export function withLocation(problem: PlanFileError, where: ErrorLocation): PlanFileError {
  if (where.line !== undefined) problem.line = where.line;
  if (where.sheet !== undefined) problem.sheet = where.sheet;
  if (where.cell !== undefined) problem.cell = where.cell;
  return problem;
}

/** One located problem, worded from locales (planfile.error.<key>). */
export function planFileError(
  file: string,
  key: ErrorKey,
  params: Record<string, MessageParam> = {},
  where: ErrorLocation = {},
): PlanFileError {
  return withLocation(
    { file, message: message(`planfile.error.${key}`, params), code: CODE_OF[key] },
    where,
  );
}

type WarningKey = KeysUnder<"planfile.warning">;

/** A problem that does not stop the import (a task without a date, a row that could not be read). */
export function planFileWarning(
  file: string,
  key: WarningKey,
  params: Record<string, MessageParam> = {},
  where: ErrorLocation = {},
): PlanFileError {
  return withLocation({ file, message: message(`planfile.warning.${key}`, params) }, where);
}
