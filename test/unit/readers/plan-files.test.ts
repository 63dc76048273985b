import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  PlanFileInvalid,
  stripSourceLocations,
  type ParsedPlan,
} from "../../../src/domain/plan/types.js";
import { readPlanFile } from "../../../src/readers/read-plan-file.js";
import { readPlanCsv } from "../../../src/readers/csv-plan.js";
import { readPlanXlsx, writePlanXlsx } from "../../../src/readers/xlsx-plan.js";
import { said, shown } from "../../helpers/plan-errors.js";

const SAMPLE = new URL(
  "../../../data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt",
  import.meta.url,
);
const FIXTURES = new URL("../../fixtures/plans/", import.meta.url);

function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

async function invalid(run: () => Promise<unknown>): Promise<PlanFileInvalid> {
  try {
    await run();
  } catch (e) {
    if (e instanceof PlanFileInvalid) return e;
    throw e;
  }
  throw new Error("expected PlanFileInvalid");
}

/** A workbook in the "Kế hoạch" layout, built cell by cell as an admin would type it. */
async function workbook(rows: unknown[][], info?: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Kế hoạch");
  for (const row of rows) sheet.addRow(row);
  if (info) {
    const infoSheet = wb.addWorksheet("Thông tin");
    for (const row of info) infoSheet.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ["Mã", "Nhiệm vụ", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"];
const INFO = [
  ["Tên kế hoạch", "KẾ HOẠCH Văn hóa công vụ tỉnh Thái Nguyên năm 2025"],
  ["Cơ quan ban hành", "UBND tỉnh Thái Nguyên"],
];

describe("readPlanFile round trips", () => {
  it("text → plan → XLSX → the same plan", async () => {
    const fromText = await readPlanFile(readFileSync(SAMPLE), "thai-nguyen.txt");
    expect(fromText.tasks).toHaveLength(14);
    const xlsx = await writePlanXlsx(fromText);
    const back = await readPlanFile(xlsx, "thai-nguyen.xlsx");
    expect(stripSourceLocations(back)).toEqual(stripSourceLocations(fromText));
    expect(back.tasks[0]?.line).toBe(2);
  });

  it("YAML → plan → XLSX → the same plan", async () => {
    const fromYaml = await readPlanFile(fixture("ke-hoach-mau.yaml"), "mau.yaml");
    expect(fromYaml.plan).toEqual({
      code: "vhcv-thai-nguyen-2024-2025",
      title:
        "KẾ HOẠCH Triển khai thực hiện Đề án Văn hóa công vụ tỉnh Thái Nguyên giai đoạn 2024 - 2025",
      issuer: "UBND tỉnh Thái Nguyên",
      period: "2024 - 2025",
    });
    expect(fromYaml.tasks.map((t) => [t.ref, t.deadline])).toEqual([
      ["IV.1.a", { kind: "ongoing" }],
      ["IV.1.c", { kind: "years", years: [2024, 2025] }],
      ["IV.2.a", { kind: "ongoing" }],
      ["IV.3.a", { kind: "once", due: "2024-06-30" }],
    ]);
    expect(fromYaml.tasks[3]).toMatchObject({
      cooperating: ["Sở Nội vụ", "Sở Tư pháp"],
      assignees: { unitKinds: ["department", "district"] },
      line: 24,
    });
    const back = await readPlanFile(await writePlanXlsx(fromYaml), "mau.xlsx");
    expect(stripSourceLocations(back)).toEqual(stripSourceLocations(fromYaml));
  });

  it("reads back the JSON that `plan parse --json` prints", async () => {
    const fromText = await readPlanFile(readFileSync(SAMPLE), "thai-nguyen.txt");
    const json = JSON.stringify(stripSourceLocations(fromText), null, 2);
    const back = await readPlanFile(json, "thai-nguyen.json");
    expect(stripSourceLocations(back)).toEqual(stripSourceLocations(fromText));
  });

  it("writes a sheet with Vietnamese headers, a frozen header row, a filter and widths", async () => {
    const plan = await readPlanFile(fixture("ke-hoach-mau.yaml"), "mau.yaml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await writePlanXlsx(plan)).buffer);
    const sheet = wb.getWorksheet("Kế hoạch");
    expect(sheet?.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    expect(sheet?.getColumn(2).width).toBeGreaterThan(20);
    expect(wb.getWorksheet("Thông tin")?.getCell("B4").value).toBe("UBND tỉnh Thái Nguyên");
  });
});

describe("CSV plans", () => {
  it("reads UTF-8 with BOM, ';' separators, metadata rows and a quoted multi-line cell", async () => {
    const plan = await readPlanFile(fixture("ke-hoach-bom-cham-phay.csv"), "bom.csv");
    expect(plan.plan).toMatchObject({
      code: "vhcv-thai-nguyen-2024-2025",
      issuer: "UBND tỉnh Thái Nguyên",
      period: "2024 - 2025",
    });
    expect(plan.tasks.map((t) => [t.ref, t.line])).toEqual([
      ["IV.1.a", 6],
      ["IV.2.b", 7],
      ["IV.3.g", 9],
    ]);
    expect(plan.tasks[1]).toMatchObject({
      unit: "Sở Thông tin và Truyền thông",
      cooperating: ["Sở Nội vụ", "các cơ quan có liên quan"],
      body: "Phổ biến, thông tin, tuyên truyền về Bộ Quy tắc ứng xử trên mạng xã hội.\nTheo Quyết định số 874/QĐ-BTTTT.",
    });
    expect(plan.tasks[2]?.deadline).toEqual({ kind: "yearly", month: 11, day: 15 });
  });

  it("matches upper-case headers, ',' separators, and takes the plan title from options", () => {
    const plan = readPlanCsv(fixture("ke-hoach-dau-phay.csv"), "phay.csv", {
      plan: { title: "Kế hoạch thử", issuer: "Sở Nội vụ" },
    });
    expect(plan.plan).toEqual({
      code: "ke-hoach-thu",
      title: "Kế hoạch thử",
      issuer: "Sở Nội vụ",
      period: null,
    });
    expect(plan.tasks[1]).toMatchObject({
      unit: "Sở Văn hóa, Thể thao và Du lịch",
      cooperating: ["Sở Nội vụ", "Sở Tài chính"],
      deadline: { kind: "years", years: [2024, 2025] },
    });
  });

  it("asks for a plan title when neither the file nor the options give one", async () => {
    const error = await invalid(() => readPlanFile(fixture("ke-hoach-dau-phay.csv"), "phay.csv"));
    expect(error.errors.map((e) => e.code)).toEqual(["required"]);
  });

  it("lists every problem with its line: missing column, bad deadline on line 4, empty title on line 5", async () => {
    const error = await invalid(() => readPlanFile(fixture("ke-hoach-loi.csv"), "loi.csv"));
    expect(error.errors.map((e) => [e.code, e.line])).toEqual([
      ["column_missing", 2],
      ["deadline_invalid", 4],
      ["required", 5],
    ]);
    expect(said(error.errors[0]?.message)).toContain("Đơn vị chủ trì");
    expect(said(error.errors[1]?.message)).toContain("Quý V năm 2024");
    expect(said(error.errors[2]?.message)).toContain("Nhiệm vụ");
    expect(shown(error).split("\n")).toHaveLength(3);
  });

  it("says which columns are needed when there is no header row", async () => {
    const error = await invalid(() =>
      readPlanFile(fixture("ke-hoach-khong-tieu-de-cot.csv"), "x.csv"),
    );
    expect(error.errors).toEqual([expect.objectContaining({ code: "header_missing", line: 1 })]);
    expect(said(error.errors[0]?.message)).toContain("Mã, Nhiệm vụ, Đơn vị chủ trì, Thời hạn");
  });

  it("reads the same tasks with or without a BOM", async () => {
    const withBom = fixture("ke-hoach-bom-cham-phay.csv");
    const withoutBom = withBom.subarray(3);
    expect(withBom.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const a = await readPlanFile(withBom, "a.csv");
    const b = await readPlanFile(withoutBom, "b.csv");
    expect(b).toEqual(a);
  });
});

describe("XLSX plans", () => {
  it("names the sheet and cell of each problem", async () => {
    const xlsx = await workbook(
      [
        HEADER,
        ["1", "Rà soát quy chế", "", "Sở Nội vụ", "", "Quý II năm 2024"],
        ["2", "Tập huấn", "", "Sở Nội vụ", "", "Quý 5 năm 2024"],
        ["3", "", "", "", "", "Thường xuyên"],
        ["1", "Trùng mã", "", "Sở Tư pháp", "", "Thường xuyên"],
      ],
      INFO,
    );
    const error = await invalid(() => readPlanXlsx(xlsx, "ke-hoach.xlsx"));
    expect(error.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual([
      "Kế hoạch!F3",
      "Kế hoạch!B4",
      "Kế hoạch!D4",
      "Kế hoạch!A5",
    ]);
    expect(said(error.errors[0]?.message)).toContain("Quý 5 năm 2024");
    expect(said(error.errors[3]?.message)).toContain("A2");
    expect(shown(error)).toContain("ke-hoach.xlsx, Kế hoạch!F3:");
  });

  it("reads a deadline cell that Excel turned into a date, and the plan info sheet", async () => {
    const xlsx = await workbook(
      [HEADER, ["1", "Báo cáo", "", "Sở Nội vụ", "", new Date(Date.UTC(2025, 5, 30))]],
      [...INFO, ["Giai đoạn", 2025]],
    );
    const plan = await readPlanFile(xlsx, "ngay.xlsx");
    expect(plan.plan).toEqual({
      code: "vhcv-thai-nguyen-2025",
      title: "KẾ HOẠCH Văn hóa công vụ tỉnh Thái Nguyên năm 2025",
      issuer: "UBND tỉnh Thái Nguyên",
      period: "2025",
    });
    expect(plan.tasks[0]).toMatchObject({
      deadlineText: "30/06/2025",
      deadline: { kind: "once", due: "2025-06-30" },
    });
  });

  it("reports a workbook without the plan sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Thông tin");
    wb.addWorksheet("Ghi chú");
    wb.addWorksheet("Khác");
    const error = await invalid(async () =>
      readPlanXlsx(Buffer.from(await wb.xlsx.writeBuffer()), "x.xlsx"),
    );
    expect(error.errors.map((e) => e.code)).toEqual(["sheet_missing"]);
  });

  it("reports a file that is not a workbook", async () => {
    const error = await invalid(() => readPlanFile(Buffer.from("not a zip"), "x.xlsx"));
    expect(error.errors.map((e) => e.code)).toEqual(["syntax"]);
  });
});

describe("YAML and JSON plans: errors with lines", () => {
  const yaml = (tasks: string): string => `plan:\n  title: Kế hoạch thử\ntasks:\n${tasks}`;

  it("names the field and line of every problem", async () => {
    const text = yaml(
      [
        "  - ref: A",
        "    unit: Sở Nội vụ",
        "    deadline: Thường xuyên",
        "  - ref: B",
        "    unit: [Sở Nội vụ]",
        "    title: Sai kiểu",
        "    deadline: Thường xuyên",
        "",
      ].join("\n"),
    );
    const error = await invalid(() => readPlanFile(text, "x.yaml"));
    expect(error.errors.map((e) => [e.code, e.line])).toEqual([
      ["required", 4],
      ["schema", 8],
    ]);
    expect(said(error.errors[0]?.message)).toContain("tasks[0].title");
    expect(said(error.errors[1]?.message)).toContain("tasks[1].unit");
  });

  it("checks deadlines and duplicate refs after the shape is right", async () => {
    const text = yaml(
      [
        "  - { ref: A, unit: Sở Nội vụ, title: Một, deadline: Thường xuyên }",
        "  - { ref: B, unit: Sở Nội vụ, title: Hai, deadline: Tháng 13/2024 }",
        "  - { ref: A, unit: Sở Nội vụ, title: '', deadline: Năm 2025 }",
        "",
      ].join("\n"),
    );
    const error = await invalid(() => readPlanFile(text, "x.yml"));
    expect(error.errors.map((e) => [e.code, e.line])).toEqual([
      ["deadline_invalid", 5],
      ["required", 6],
      ["duplicate_ref", 6],
    ]);
  });

  it("reports YAML and JSON syntax errors with a line", async () => {
    const badYaml = await invalid(() =>
      readPlanFile("plan:\n  title: [unclosed\ntasks: []\n", "x.yaml"),
    );
    expect(badYaml.errors[0]).toMatchObject({ code: "syntax" });
    expect(badYaml.errors[0]?.line).toBeGreaterThanOrEqual(2);
    const badJson = await invalid(() =>
      readPlanFile('{\n  "plan": {\n    "title": "x",\n  }}\n', "x.json"),
    );
    expect(badJson.errors[0]).toMatchObject({ code: "syntax", line: 4 });
  });

  it("explains the expected shape when the file is not a plan at all", async () => {
    const error = await invalid(() => readPlanFile("- một\n- hai\n", "x.yaml"));
    expect(error.errors).toEqual([expect.objectContaining({ code: "schema", line: 1 })]);
    expect(said(error.errors[0]?.message)).toContain("plan: {…}, tasks: […]");
  });

  it("lets the caller set the plan code of any format", async () => {
    const plan = await readPlanFile(readFileSync(SAMPLE), "tn.txt", { plan: { code: "tn-2024" } });
    expect(plan.plan.code).toBe("tn-2024");
    expect(plan.plan.issuer).toBe("UBND tỉnh Thái Nguyên");
  });

  it.each([
    ["kế hoạch.odt", "unsupported_extension"],
    ["kế hoạch.doc", "unsupported_extension"],
    ["ke-hoach", "unsupported_extension"],
  ])("refuses %s", async (file, code) => {
    const error = await invalid(() => readPlanFile("x", file));
    expect(error.errors.map((e) => e.code)).toEqual([code]);
  });
});

describe("the parse --json contract", () => {
  it("has plan and tasks with ref, unit, title, deadlineText and deadline", async () => {
    const parsed: ParsedPlan = await readPlanFile(readFileSync(SAMPLE), "thai-nguyen.txt");
    const json = JSON.parse(JSON.stringify(parsed)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["plan", "tasks", "warnings"]);
    expect(parsed.tasks[0]).toEqual(
      expect.objectContaining({
        ref: "IV.1.a",
        unit: "Sở Nội vụ",
        title: expect.any(String),
        deadlineText: "Thường xuyên",
        deadline: { kind: "ongoing" },
      }),
    );
  });
});
