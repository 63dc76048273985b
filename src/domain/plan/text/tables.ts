import { fold } from "../../text/fold.js";
import { isRomanNumeral, type Line } from "./lines.js";

/*
 * Task tables (Phụ lục, danh mục nhiệm vụ) in the text form: a header row naming the columns in
 * any order and wording, then one row per task; group rows ("I. NÂNG CAO NHẬN THỨC …") between
 * them; a cell written over several lines continues the row above.
 */

export type Column = "number" | "task" | "lead" | "cooperating" | "time" | "product";

export interface TableRow {
  /** "1", "2.3" — the row's STT, or its position when the table has none. */
  number: string;
  /** The Roman numeral of the group row above it, if any. */
  group: string | null;
  cells: Partial<Record<Column, string>>;
  line: number;
}

export interface Table {
  rows: TableRow[];
  /** Source lines that belong to the table (header, rows, group rows, continuations). */
  lines: Set<number>;
  /** Rows that could not be read, with why. */
  problems: { line: number; reason: "no_task_text" }[];
}

const COLUMN_PATTERNS: readonly { column: Column; pattern: RegExp }[] = [
  { column: "number", pattern: /^(?:stt|tt|so tt|so thu tu)$/ },
  { column: "cooperating", pattern: /phoi hop/ },
  {
    column: "lead",
    pattern: /chu tri|don vi thuc hien|co quan thuc hien|trach nhiem|don vi tham muu|dau moi/,
  },
  { column: "time", pattern: /thoi gian|thoi han|tien do|han hoan thanh|nam thuc hien/ },
  { column: "product", pattern: /san pham|ket qua|hinh thuc/ },
  { column: "task", pattern: /nhiem vu|noi dung|cong viec|hoat dong|giai phap|de an|ten/ },
];

/** The columns of a header row, or null when the row is not a task table's header. */
export function headerColumns(cells: readonly string[]): (Column | null)[] | null {
  const used = new Set<Column>();
  const columns = cells.map((cell) => {
    const folded = fold(cell);
    for (const { column, pattern } of COLUMN_PATTERNS) {
      if (!used.has(column) && pattern.test(folded)) {
        used.add(column);
        return column;
      }
    }
    return null;
  });
  return used.has("task") && (used.has("lead") || used.has("time")) ? columns : null;
}

/** "I. NÂNG CAO NHẬN THỨC", "A. NHIỆM VỤ CHUNG", "NHÓM NHIỆM VỤ VỀ THỂ CHẾ": a row naming a group. */
function groupLabel(text: string): string | null {
  const trimmed = text.trim();
  const m = /^([IVXL]{1,6}|[A-Z])\s*[.)\-–]?\s+\S/u.exec(trimmed);
  if (m?.[1] && (isRomanNumeral(m[1]) || /^[A-Z]$/.test(m[1]))) return m[1];
  const letters = trimmed.replace(/[^\p{L}]/gu, "");
  return letters.length >= 6 && letters === letters.toUpperCase() && trimmed.length < 200
    ? ""
    : null;
}

function rowNumber(cell: string): string | null {
  const m = /^(\d{1,3}(?:\.\d{1,3})*)\.?$/.exec(cell.trim());
  return m?.[1] ?? null;
}

interface Building {
  cells: string[];
  line: number;
  group: string | null;
}

/**
 * Reads every task table in the lines. A table starts at a header row and ends at the first line
 * that is neither a row, a group row, nor a continuation before the next row.
 */
export function readTables(lines: readonly Line[]): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i];
    const columns = head?.kind === "row" && head.cells ? headerColumns(head.cells) : null;
    if (!head || !columns) continue;
    const table: Table = { rows: [], lines: new Set([head.line]), problems: [] };
    const hasNumber = columns.includes("number");
    let group: string | null = null;
    let current: Building | null = null;
    const finish = (): void => {
      if (!current) return;
      const row = toRow(current, columns, table.rows.length + 1);
      if (row) table.rows.push(row);
      else table.problems.push({ line: current.line, reason: "no_task_text" });
      current = null;
    };
    let j = i + 1;
    let lastEnd = head.endLine;
    let groups = 0;
    const setGroup = (label: string): void => {
      groups++;
      group = label === "" ? String(groups) : label;
    };
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (!line) break;
      const contiguous = line.line === lastEnd + 1;
      if (line.kind === "row" && line.cells) {
        lastEnd = line.endLine;
        table.lines.add(line.line);
        // Column numbering rows ("(1) (2) (3)") and repeated headers on a new page are skipped.
        if (
          headerColumns(line.cells) ||
          line.cells.every((c) => /^\(?\d{1,2}\)?$/.test(c) || c === "")
        ) {
          continue;
        }
        const first = line.cells[0] ?? "";
        // "I<TAB>Nhóm nhiệm vụ …" (a .docx group row): a numeral alone in the STT cell, one title.
        const numeral = /^([IVXL]{1,6}|[A-Z])\.?$/.exec(first)?.[1];
        const titled = line.cells.slice(1).filter((c) => c !== "").length <= 1;
        if (hasNumber && numeral && (isRomanNumeral(numeral) || numeral.length === 1) && titled) {
          finish();
          setGroup(numeral);
          continue;
        }
        const startsRow = !hasNumber || rowNumber(first) !== null || current === null;
        if (startsRow && !(hasNumber && first === "" && current)) {
          finish();
          const label = groupLabel(first);
          if (hasNumber && label !== null && line.cells.slice(1).every((c) => c === "")) {
            setGroup(label);
          } else {
            current = { cells: [...line.cells], line: line.line, group };
          }
        } else if (current) {
          // The row above goes on: its last cell continues with this line's first cell.
          const building: Building = current;
          const last = building.cells.length - 1;
          building.cells[last] = `${building.cells[last] ?? ""} ${first}`.trim();
          building.cells.push(...line.cells.slice(1));
        }
        continue;
      }
      // A group row stands right above a row; so a Roman heading after the table is not one.
      const label = line.kind === "appendix" ? null : groupLabel(line.raw);
      if (label !== null && lines[j + 1]?.kind === "row") {
        finish();
        setGroup(label);
        lastEnd = line.endLine;
        table.lines.add(line.line);
        continue;
      }
      // A cell written over several lines; a blank line ends the table.
      if (current && contiguous && line.kind === "text") {
        const building: Building = current;
        const last = building.cells.length - 1;
        building.cells[last] = `${building.cells[last] ?? ""} ${line.text}`.trim();
        lastEnd = line.endLine;
        table.lines.add(line.line);
        continue;
      }
      break;
    }
    finish();
    if (table.rows.length > 0 || table.problems.length > 0) tables.push(table);
    i = j - 1;
  }
  return tables;
}

function toRow(
  b: Building,
  columns: readonly (Column | null)[],
  position: number,
): TableRow | null {
  const cells: Partial<Record<Column, string>> = {};
  // A row with fewer cells than the header lost its empty leading cells (no STT) or trailing ones.
  const offset =
    b.cells.length < columns.length &&
    rowNumber(b.cells[0] ?? "") === null &&
    columns[0] === "number"
      ? 1
      : 0;
  columns.forEach((column, index) => {
    const value = (b.cells[index - offset] ?? "").replace(/\s+/gu, " ").trim();
    if (column && value !== "") cells[column] = value;
  });
  if (!cells.task) return null;
  return {
    number: rowNumber(cells.number ?? "") ?? String(position),
    group: b.group,
    cells,
    line: b.line,
  };
}
