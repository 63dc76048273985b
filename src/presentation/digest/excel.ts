import type ExcelJS from "exceljs";
import { VN_UTC_OFFSET_MINUTES } from "../../domain/calendar/local-date.js";
import { describePeriod } from "../../domain/deadline/describe-period.js";
import { occurrenceAsOf } from "../../domain/digest/as-of.js";
import { buildDigest, totalOf } from "../../domain/digest/build.js";
import { bucketOf, daysBetween, effectiveDue, factsOf } from "../../domain/digest/classify.js";
import { standingOf, type Standing } from "../../domain/occurrences/standing.js";
import { referenceDay } from "../../domain/digest/period.js";
import { BUCKETS, type DigestPeriod, type DigestState } from "../../domain/digest/types.js";
import { reportStatusLabel } from "../../domain/reports/status.js";
import { render, t, type Locale, type TranslationKey } from "../../i18n.js";

/** exceljs is loaded on first use, so start-up does not pay for it (about 0.5 s and 25 MB). */
async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDEBF7" },
};
const DATE = "dd/mm/yyyy";
const DATE_TIME = "dd/mm/yyyy hh:mm";

/** The keys under a prefix: Sub<"digest.excel.detail"> = "code" | "unit" | … */
type Sub<P extends string> = TranslationKey extends infer K
  ? K extends `${P}.${infer R}`
    ? R
    : never
  : never;

interface Column {
  key: string;
  header: TranslationKey;
  width: number;
  numFmt?: string;
  wrap?: boolean;
}

/** An Excel date for a "YYYY-MM-DD" day (midnight UTC: Excel dates carry no zone). */
const excelDay = (date: string | null): Date | null =>
  date ? new Date(`${date}T00:00:00Z`) : null;
/** An instant as Vietnam wall-clock time, which is what Excel should show. */
const excelTime = (at: Date | null): Date | null =>
  at ? new Date(at.getTime() + VN_UTC_OFFSET_MINUTES * 60_000) : null;

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: Array<Record<string, ExcelJS.CellValue>>,
  locale: Locale | undefined,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: t(c.header, {}, locale),
    key: c.key,
    width: c.width,
    style: {
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      ...(c.wrap ? { alignment: { vertical: "top" as const, wrapText: true } } : {}),
    },
  }));
  sheet.addRows(rows);
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/** A check-in's label: its kind while its period holds the day; a past or future window says so. */
function checkinBucket(standing: Standing, undated: boolean | undefined): TranslationKey {
  if (standing === "past") return "digest.bucket.pastCheckin";
  if (standing === "upcoming") return "digest.bucket.upcomingCheckin";
  return undated ? "digest.bucket.undated" : "digest.bucket.ongoing";
}

/**
 * The workbook /xuatexcel sends: "Tổng hợp" (units × official buckets), "Chi tiết" (every
 * occurrence with its unit, dates, status and last report) and "Lịch sử báo cáo" (every report).
 * Dates are real Excel dates; each sheet has a frozen header row with filters.
 */
export async function buildDigestWorkbook(
  state: DigestState,
  period: DigestPeriod,
  locale?: Locale,
): Promise<Buffer> {
  const now = period.asOf;
  const today = referenceDay(period);
  const digest = buildDigest(state, period);
  const units = new Map(state.units.map((u) => [u.id, u]));
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "vhcv-bot";
  workbook.title = t("digest.excel.title", {}, locale);
  workbook.created = now;

  const attention = new Map<string, { blocked: number; extension: number }>();
  for (const item of digest.attention) {
    const entry = attention.get(item.unitCode) ?? { blocked: 0, extension: 0 };
    if (item.kind === "blocked") entry.blocked += 1;
    else entry.extension += 1;
    attention.set(item.unitCode, entry);
  }
  const bucketColumns: Column[] = BUCKETS.map((b) => ({
    key: b,
    header: `digest.bucket.${b}`,
    width: 16,
  }));
  const summaryRows = digest.byUnit.map((u) => ({
    unitCode: u.code,
    unit: u.name,
    total: totalOf(u.counts),
    ...u.counts,
    ongoing: u.ongoing,
    blocked: attention.get(u.code)?.blocked ?? 0,
    extension: attention.get(u.code)?.extension ?? 0,
  }));
  const totals = {
    unitCode: "",
    unit: t("digest.excel.summary.totalRow", {}, locale),
    total: totalOf(digest.counts),
    ...digest.counts,
    ongoing: digest.ongoing.total,
    blocked: digest.attention.filter((a) => a.kind === "blocked").length,
    extension: digest.attention.filter((a) => a.kind === "extension_requested").length,
  };
  const summary = addSheet(
    workbook,
    t("digest.excel.sheets.summary", {}, locale),
    [
      { key: "unitCode", header: "digest.excel.summary.unitCode", width: 12 },
      { key: "unit", header: "digest.excel.summary.unit", width: 40 },
      { key: "total", header: "digest.excel.summary.total", width: 14 },
      ...bucketColumns,
      { key: "ongoing", header: "digest.excel.summary.ongoing", width: 16 },
      { key: "blocked", header: "digest.excel.summary.blocked", width: 14 },
      { key: "extension", header: "digest.excel.summary.extension", width: 16 },
    ],
    [...summaryRows, totals],
    locale,
  );
  summary.getRow(summaryRows.length + 2).font = { bold: true };

  const detailRows: Array<Record<string, ExcelJS.CellValue>> = [];
  const historyRows: Array<Record<string, ExcelJS.CellValue>> = [];
  for (const occ of state.occurrences) {
    const unit = units.get(occ.unitId);
    const current = occurrenceAsOf(occ, now);
    const bucket = bucketOf(occ, current, today);
    const due = effectiveDue(occ, current);
    const last = [...occ.reports].reverse().find((r) => r.undoneAt === null);
    detailRows.push({
      code: occ.code,
      unitCode: unit?.code ?? "",
      unit: unit?.name ?? "",
      plan: occ.planCode,
      ref: occ.taskRef,
      task: occ.taskTitle,
      // As people say it ("quý III/2024"), not the stored key; a one-off task has one period.
      period:
        occ.periodKey === "once"
          ? null
          : render(describePeriod(occ.periodKey, occ.periodStart, occ.dueDate), locale),
      periodStart: excelDay(occ.periodStart),
      // An undated task's period end is a check-in window, not a due date.
      due: excelDay(occ.undated ? null : occ.dueDate),
      extendedDue: excelDay(current.extendedDue),
      kind: t(
        occ.undated
          ? "digest.excel.kind.undated"
          : occ.ongoing
            ? "digest.excel.kind.ongoing"
            : "digest.excel.kind.dated",
        {},
        locale,
      ),
      status: render(reportStatusLabel(current.status), locale),
      progress: current.progress,
      bucket: bucket
        ? t(`digest.bucket.${bucket}`, {}, locale)
        : t(checkinBucket(standingOf(factsOf(occ, current), today), occ.undated), {}, locale),
      daysLate: bucket === "openLate" && due ? daysBetween(due, today) : null,
      note: current.note,
      lastReportAt: excelTime(last?.at ?? null),
      lastReport: last
        ? [render(reportStatusLabel(last.status), locale), last.note].filter(Boolean).join(": ")
        : null,
      doneAt: excelTime(current.doneAt),
    });
    for (const report of occ.reports) {
      historyRows.push({
        code: occ.code,
        unit: unit?.name ?? "",
        task: occ.taskTitle,
        at: excelTime(report.at),
        status: render(reportStatusLabel(report.status), locale),
        progress: report.progress,
        note: report.note,
        proposedDate: excelDay(report.proposedDate),
        by: report.by,
        channel: report.channel,
        undoneAt: excelTime(report.undoneAt),
      });
    }
  }
  const d = (key: Sub<"digest.excel.detail">): TranslationKey => `digest.excel.detail.${key}`;
  addSheet(
    workbook,
    t("digest.excel.sheets.detail", {}, locale),
    [
      { key: "code", header: d("code"), width: 16 },
      { key: "unitCode", header: d("unitCode"), width: 11 },
      { key: "unit", header: d("unit"), width: 30 },
      { key: "plan", header: d("plan"), width: 14 },
      { key: "ref", header: d("ref"), width: 9 },
      { key: "task", header: d("task"), width: 60, wrap: true },
      { key: "period", header: d("period"), width: 14 },
      { key: "periodStart", header: d("periodStart"), width: 12, numFmt: DATE },
      { key: "due", header: d("due"), width: 12, numFmt: DATE },
      { key: "extendedDue", header: d("extendedDue"), width: 12, numFmt: DATE },
      { key: "kind", header: d("kind"), width: 14 },
      { key: "status", header: d("status"), width: 16 },
      { key: "progress", header: d("progress"), width: 10 },
      { key: "bucket", header: d("bucket"), width: 26 },
      { key: "daysLate", header: d("daysLate"), width: 10 },
      { key: "note", header: d("note"), width: 40, wrap: true },
      { key: "lastReportAt", header: d("lastReportAt"), width: 17, numFmt: DATE_TIME },
      { key: "lastReport", header: d("lastReport"), width: 40, wrap: true },
      { key: "doneAt", header: d("doneAt"), width: 17, numFmt: DATE_TIME },
    ],
    detailRows,
    locale,
  );
  const h = (key: Sub<"digest.excel.history">): TranslationKey => `digest.excel.history.${key}`;
  addSheet(
    workbook,
    t("digest.excel.sheets.history", {}, locale),
    [
      { key: "code", header: h("code"), width: 16 },
      { key: "unit", header: h("unit"), width: 30 },
      { key: "task", header: h("task"), width: 50, wrap: true },
      { key: "at", header: h("at"), width: 17, numFmt: DATE_TIME },
      { key: "status", header: h("status"), width: 16 },
      { key: "progress", header: h("progress"), width: 10 },
      { key: "note", header: h("note"), width: 40, wrap: true },
      { key: "proposedDate", header: h("proposedDate"), width: 14, numFmt: DATE },
      { key: "by", header: h("by"), width: 22 },
      { key: "channel", header: h("channel"), width: 10 },
      { key: "undoneAt", header: h("undoneAt"), width: 17, numFmt: DATE_TIME },
    ],
    historyRows,
    locale,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
