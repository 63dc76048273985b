import { t, type TranslationParams } from "../../i18n.js";
import type { PlanFileError, PlanFileErrorCode } from "./types.js";

type ErrorKey =
  Extract<Parameters<typeof t>[0], `planfile.error.${string}`> extends `planfile.error.${infer K}`
    ? K
    : never;

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

/** One located problem, worded from locales (planfile.error.<key>). */
export function planFileError(
  file: string,
  key: ErrorKey,
  params: TranslationParams = {},
  where: ErrorLocation = {},
): PlanFileError {
  const error: PlanFileError = {
    file,
    message: t(`planfile.error.${key}`, params),
    code: CODE_OF[key],
  };
  if (where.line !== undefined) error.line = where.line;
  if (where.sheet !== undefined) error.sheet = where.sheet;
  if (where.cell !== undefined) error.cell = where.cell;
  return error;
}

type WarningKey =
  Extract<Parameters<typeof t>[0], `planfile.warning.${string}`> extends `planfile.warning.${infer K}`
    ? K
    : never;

/** A problem that does not stop the import (a task without a date, a row that could not be read). */
export function planFileWarning(
  file: string,
  key: WarningKey,
  params: TranslationParams = {},
  where: ErrorLocation = {},
): PlanFileError {
  const warning: PlanFileError = { file, message: t(`planfile.warning.${key}`, params) };
  if (where.line !== undefined) warning.line = where.line;
  if (where.sheet !== undefined) warning.sheet = where.sheet;
  if (where.cell !== undefined) warning.cell = where.cell;
  return warning;
}
