import { t } from "../i18n.js";
import type { PlanFileError } from "../domain/plan/types.js";

/*
 * The plan text form that a Word or PDF document is turned into, for the text parser: one
 * paragraph per line, table rows as TAB-separated cells. Each line remembers where it came from,
 * so a problem the parser reports on a line can be told as "bảng 2, hàng 5" or "trang 3".
 */

export interface DocumentLine {
  text: string;
  /** A row of the document's n-th task table (1-based, as counted by a reader). */
  table?: number;
  row?: number;
  /** PDF page (1-based). */
  page?: number;
}

export interface DocumentText {
  lines: DocumentLine[];
}

export function documentPlanText(doc: DocumentText): string {
  return doc.lines.map((l) => l.text).join("\n");
}

/** "bảng 2, hàng 5" / "trang 3" for the text-form line `line` (1-based), or undefined. */
export function lineLocation(doc: DocumentText, line: number): string | undefined {
  const at = doc.lines[line - 1];
  if (!at) return undefined;
  if (at.table !== undefined && at.row !== undefined) {
    return t("planfile.document.where_table_row", { table: at.table, row: at.row });
  }
  if (at.page !== undefined) return t("planfile.document.where_page", { page: at.page });
  return undefined;
}

/**
 * Errors and warnings located on text-form lines, told where a reader finds them: a table row
 * ("bảng 2, hàng 5") or a PDF page ("trang 3") instead of the text-form line. Paragraph lines of
 * a .docx keep their line number (the text form has one line per paragraph).
 */
export function locateErrors(doc: DocumentText, errors: PlanFileError[]): PlanFileError[] {
  return errors.map((e) => {
    if (e.line === undefined || e.sheet !== undefined || e.cell !== undefined) return e;
    const where = lineLocation(doc, e.line);
    if (where === undefined) return e;
    const { line: _line, ...rest } = e;
    return { ...rest, sheet: where };
  });
}
