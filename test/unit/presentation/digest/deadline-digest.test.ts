import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { instantAt } from "../../../../src/domain/calendar/index.js";
import { buildDigest } from "../../../../src/domain/digest/build.js";
import { weekPeriod } from "../../../../src/domain/digest/period.js";
import type { DigestOccurrence, DigestState } from "../../../../src/domain/digest/types.js";
import { buildDigestWorkbook } from "../../../../src/presentation/digest/excel.js";

function occ(overrides: Partial<DigestOccurrence>): DigestOccurrence {
  return {
    id: 1,
    code: "SNV-1",
    unitId: 1,
    planCode: "p",
    taskRef: "1",
    taskTitle: "Việc",
    ongoing: false,
    periodKey: "once",
    periodStart: "2025-01-01",
    dueDate: "2025-03-31",
    extendedDue: null,
    status: "not_started",
    progress: null,
    note: null,
    statusAt: null,
    doneAt: null,
    reports: [],
    extensions: [],
    ...overrides,
  };
}

// A dated task long past its date, and a task without a calendar date in its Q2 check-in window.
const state: DigestState = {
  units: [{ id: 1, code: "SNV", name: "Sở Nội vụ", parentId: null }],
  occurrences: [
    occ({ id: 1, code: "SNV-1", taskTitle: "Báo cáo quý I" }),
    occ({
      id: 2,
      code: "SNV-2-2025Q2",
      taskRef: "2",
      taskTitle: "Tập huấn theo kế hoạch riêng",
      ongoing: true,
      undated: true,
      periodKey: "2025-Q2",
      periodStart: "2025-04-01",
      dueDate: "2025-06-30",
    }),
  ],
};
const period = weekPeriod("2025-05-12", instantAt("2025-05-19", "08:00"));

describe("the digest and its workbook with a task without a calendar date", () => {
  it("counts the undated task apart, never in a bucket nor as overdue", () => {
    const digest = buildDigest(state, period);
    expect(digest.overdue.map((o) => o.code)).toEqual(["SNV-1"]);
    expect(digest.counts.openLate).toBe(1);
    expect(digest.counts.openInTime).toBe(0);
    expect(digest.undated).toEqual({ total: 1, reported: 0 });
    expect(digest.ongoing.total).toBe(0);
  });

  it("shows it as 'Chưa có thời hạn' with no due date in the detail sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await buildDigestWorkbook(state, period, "vi")).buffer);
    const sheet = workbook.getWorksheet("Chi tiết");
    const header = (sheet?.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ""));
    const column = (name: string) => header.indexOf(name);
    const row = sheet?.getRow(3);
    expect(row?.getCell(1).value).toBe("SNV-2-2025Q2");
    expect(row?.getCell(column("Loại hạn")).value).toBe("Chưa có thời hạn");
    expect(row?.getCell(column("Phân loại")).value).toBe("Chưa có thời hạn");
    expect(row?.getCell(column("Hạn")).value ?? null).toBeNull();
  });
});

describe("the workbook's rows of an ongoing task", () => {
  const ongoing = (id: number, key: string, start: string, due: string) =>
    occ({
      id,
      code: `SNV-3-${key.replace("-", "")}`,
      taskRef: "3",
      taskTitle: "Tuyên truyền văn hóa công vụ",
      ongoing: true,
      periodKey: key,
      periodStart: start,
      dueDate: due,
    });
  const quarters: DigestState = {
    units: state.units,
    occurrences: [
      ongoing(1, "2025-Q1", "2025-01-01", "2025-03-31"),
      ongoing(2, "2025-Q2", "2025-04-01", "2025-06-30"),
    ],
  };

  it("newcomer: a past quarter is labelled a past check-in, not counted; each period is named as people say it", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      new Uint8Array(await buildDigestWorkbook(quarters, period, "vi")).buffer,
    );
    const sheet = workbook.getWorksheet("Chi tiết");
    const header = (sheet?.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ""));
    const cell = (row: number, name: string) => sheet?.getRow(row).getCell(header.indexOf(name));
    expect(cell(2, "Kỳ")?.value).toBe("quý I/2025");
    expect(cell(2, "Phân loại")?.value).toBe("Kỳ báo cáo đã qua (không tính)");
    expect(cell(3, "Kỳ")?.value).toBe("quý II/2025");
    expect(cell(3, "Phân loại")?.value).toBe("Thường xuyên");
    expect(cell(2, "Số ngày quá hạn")?.value ?? null).toBeNull();
  });
});
