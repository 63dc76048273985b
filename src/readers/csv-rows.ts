import { z } from "zod";
import { parse } from "csv-parse/sync";
import { planFileError } from "../domain/plan/errors.js";
import { PlanFileInvalid } from "../domain/plan/types.js";
import type { ColumnSpec } from "./columns.js";
import { findHeaderRow, headerMissingError, type SheetRow } from "./table.js";
import { decodeText } from "./text-decode.js";

const DELIMITERS = [",", ";", "\t"] as const;

// csv-parse with `info: true` returns { record, info } objects; its typings say string[][].
const recordsSchema = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }),
);

/** Kept here for existing importers; the decoding (UTF-8/UTF-16, refusals) is text-decode.ts. */
export { decodeText };

interface Attempt {
  rows: SheetRow[];
  score: number;
  error?: { message: string; line?: number };
}

function parseWith(
  text: string,
  delimiter: string,
  columns: readonly ColumnSpec<string>[],
): Attempt {
  try {
    const parsed: unknown = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    const records = recordsSchema.parse(parsed);
    const rows = records.map(({ record, info }): SheetRow => {
      // info.lines is the record's last line; quoted line breaks move its start up.
      const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - breaks;
      return { line, cells: record, at: () => ({ line }) };
    });
    const header = findHeaderRow(rows, columns);
    return { rows, score: header?.columns.size ?? 0 };
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    const error: Attempt["error"] = { message: err.message ?? String(e) };
    if (typeof err.lines === "number") error.line = err.lines;
    return { rows: [], score: -1, error };
  }
}

/**
 * CSV text (UTF-8, with or without BOM) → rows with line numbers. The separator (",", ";" or
 * tab) is the one under which the header row names the most known columns.
 */
export function readCsvRows(
  content: Buffer | string,
  file: string,
  columns: readonly ColumnSpec<string>[],
): SheetRow[] {
  const text = decodeText(content, file);
  if (text.trim() === "") throw new PlanFileInvalid([planFileError(file, "empty_file")]);
  const attempts = DELIMITERS.map((d) => parseWith(text, d, columns));
  const best = attempts.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.score > 0) return best.rows;
  const syntax = attempts.find((a) => a.error)?.error;
  if (syntax) {
    const where = syntax.line !== undefined ? { line: syntax.line } : {};
    throw new PlanFileInvalid([
      planFileError(file, "syntax", { format: "CSV", detail: syntax.message }, where),
    ]);
  }
  throw new PlanFileInvalid([headerMissingError(file, columns, { line: 1 })]);
}
