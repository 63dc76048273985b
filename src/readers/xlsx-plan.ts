import type ExcelJS from "exceljs";
import { planFileError } from "../domain/plan/errors.js";
import { describeDeadline } from "../domain/deadline/describe.js";
import { render } from "../i18n.js";
import { parseDeadline } from "../domain/deadline/parse.js";
import type { Deadline } from "../domain/deadline/types.js";
import { fold } from "../domain/text/fold.js";
import { PlanFileInvalid, type ParsedPlan, type PlanFileError } from "../domain/plan/types.js";
import { PLAN_COLUMNS, PLAN_INFO_FIELDS } from "./columns.js";
import { planFromRows, type SheetRow, type TableOptions } from "./table.js";
import { guardZip } from "./zip.js";

/** exceljs is loaded on first use, so start-up does not pay for it (about 0.5 s and 25 MB). */
async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

/*
 * A plan as an Excel workbook: sheet "Kế hoạch" (the same columns as the CSV layout, header in
 * row 1) and sheet "Thông tin" (label in column A, value in column B: Mã kế hoạch, Tên kế hoạch,
 * Cơ quan ban hành, Giai đoạn). Errors name the sheet and cell, e.g. "Kế hoạch!F7".
 */

export const PLAN_SHEET = "Kế hoạch";
export const INFO_SHEET = "Thông tin";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** A readable phrase that reads back as the same deadline, else its JSON form. */
function deadlineCellText(deadline: Deadline): string {
  const phrase = render(describeDeadline(deadline), "vi");
  const back = parseDeadline(phrase);
  return back.ok && JSON.stringify(back.deadline) === JSON.stringify(deadline)
    ? phrase
    : JSON.stringify(deadline);
}

/** What a person sees in a cell; a date typed into a deadline cell reads as "30/06/2024". */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return value.error;
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result);
  return "";
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function sheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push({
      line: rowNumber,
      cells,
      at: (column) => ({
        sheet: sheet.name,
        cell: `${columnLetter(column)}${rowNumber}`,
        line: rowNumber,
      }),
    });
  });
  return rows;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((s) => fold(s.name) === fold(name));
}

/** Reads the workbook; throws PlanFileInvalid listing every problem with its sheet and cell. */
export async function readPlanXlsx(
  content: Buffer,
  file: string,
  options: TableOptions = {},
): Promise<ParsedPlan> {
  // Parts count and unpacked size are checked before exceljs unpacks everything (zip bombs).
  guardZip(content, file);
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy also detaches us from pooled Buffers.
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new PlanFileInvalid([planFileError(file, "syntax", { format: "XLSX", detail })]);
  }
  const errors: PlanFileError[] = [];
  // A workbook whose only sheet was renamed is still read; otherwise the sheet must be "Kế hoạch".
  const others = workbook.worksheets.filter((s) => fold(s.name) !== fold(INFO_SHEET));
  const sheet = findSheet(workbook, PLAN_SHEET) ?? (others.length === 1 ? others[0] : undefined);
  if (!sheet) {
    throw new PlanFileInvalid([planFileError(file, "sheet_missing", { sheet: PLAN_SHEET })]);
  }
  const info = findSheet(workbook, INFO_SHEET);
  return planFromRows(sheetRows(sheet), file, {
    ...options,
    infoRows: info ? sheetRows(info) : [],
    errors,
  });
}

const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDEBF7" },
};

/** Writes the plan in the layout readPlanXlsx reads: read(write(plan)) gives the same plan. */
export async function writePlanXlsx(parsed: ParsedPlan): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "vhcv-bot";

  const tasks = workbook.addWorksheet(PLAN_SHEET, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1 }],
  });
  tasks.columns = PLAN_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const task of parsed.tasks) {
    tasks.addRow({
      ref: task.ref,
      title: task.title,
      body: task.body,
      unit: task.unit,
      cooperating: task.cooperating.join("; "),
      // A deadline given only in normalised form is written as a phrase that reads back the same.
      deadline:
        task.deadlineText !== "" || task.deadline === null
          ? task.deadlineText
          : deadlineCellText(task.deadline),
    });
  }
  const header = tasks.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  tasks.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PLAN_COLUMNS.length } };
  tasks.eachRow((row) => {
    row.alignment = { vertical: "top", wrapText: true };
  });

  const info = workbook.addWorksheet(INFO_SHEET);
  info.columns = [
    { header: "Thông tin", key: "label", width: 22 },
    { header: "Giá trị", key: "value", width: 90 },
  ];
  const values: Record<(typeof PLAN_INFO_FIELDS)[number]["key"], string> = {
    code: parsed.plan.code,
    title: parsed.plan.title,
    issuer: parsed.plan.issuer,
    period: parsed.plan.period ?? "",
  };
  for (const field of PLAN_INFO_FIELDS)
    info.addRow({ label: field.label, value: values[field.key] });
  info.getRow(1).font = { bold: true };
  info.getColumn(1).font = { bold: true };

  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written);
}
