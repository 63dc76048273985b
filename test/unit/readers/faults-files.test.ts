import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatPlanFileError, PlanFileInvalid } from "../../../src/domain/plan/types.js";
import { render } from "../../../src/i18n.js";
import { readPlanFile } from "../../../src/readers/read-plan-file.js";
import { readUnitsFile } from "../../../src/readers/units-file.js";

/** The problems a refused file is reported with, as the admin reads them (Vietnamese). */
async function refusal(read: () => unknown): Promise<string[]> {
  try {
    await read();
  } catch (error) {
    if (error instanceof PlanFileInvalid) {
      return error.errors.map((e) => render(formatPlanFileError(e), "vi"));
    }
    throw error;
  }
  throw new Error("the file was accepted");
}

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
].join("\n");

/** A deflated part of `mb` megabytes of zeros: a few hundred kilobytes packed. */
function zipBomb(part: string, mb: number): Buffer {
  return Buffer.from(
    zipSync({ "[Content_Types].xml": strToU8("<Types/>"), [part]: new Uint8Array(mb * 2 ** 20) }),
  );
}

describe("fault 13: hostile files are refused with a clear message", () => {
  it("fault 13: a YAML alias bomb (plan or units file) is refused, not expanded", async () => {
    for (const read of [
      () => readPlanFile(Buffer.from(aliasBomb), "ke-hoach.yaml"),
      () => readUnitsFile(Buffer.from(aliasBomb), "don-vi.yaml"),
    ]) {
      const [problem] = await refusal(read);
      expect(problem).toContain("bí danh YAML");
    }
  });

  it("fault 13: YAML syntax errors are told in Vietnamese with their line, each once", async () => {
    const problems = await refusal(() =>
      readPlanFile(Buffer.from("plan:\n  code: a\n   title: [x\n"), "ke-hoach.yaml"),
    );
    expect(problems[0]).toBe(
      "ke-hoach.yaml:2: Sai cú pháp YAML: tên trường phải nằm trên một dòng và có dấu hai chấm, ví dụ “title: Kế hoạch …”",
    );
    // Each problem once (the parser reported line 2 twice), none in the library's English.
    expect(new Set(problems).size).toBe(problems.length);
    expect(problems.join("\n")).not.toMatch(/\b(must|should|indicator|allowed)\b/);
    const units = await refusal(() =>
      readUnitsFile(Buffer.from("units:\n\t- code: A\n"), "don-vi.yaml"),
    );
    expect(units.join("\n")).toMatch(/don-vi\.yaml:2: Sai cú pháp YAML: thụt lề chưa đúng/);
  });

  it("fault 13: a zip bomb dressed as .xlsx or .docx is refused from its headers", async () => {
    for (const [part, name] of [
      ["xl/worksheets/sheet1.xml", "ke-hoach.xlsx"],
      ["word/document.xml", "ke-hoach.docx"],
    ] as const) {
      const [problem] = await refusal(() => readPlanFile(zipBomb(part, 64), name));
      expect(problem).toContain("“bom nén”");
    }
  });

  it("fault 13: files over the size limit (CSV, PDF) are refused before they are read", async () => {
    const csv = Buffer.alloc(6 * 2 ** 20, "1,Tập huấn,Sở Nội vụ,,Quý II năm 2024\n");
    expect((await refusal(() => readPlanFile(csv, "ke-hoach.csv")))[0]).toContain(
      "Tệp quá lớn (6 MB): tệp .csv được tối đa 5 MB",
    );
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(11 * 2 ** 20)]);
    expect((await refusal(() => readPlanFile(pdf, "ke-hoach.pdf")))[0]).toContain("Tệp quá lớn");
  });

  it("fault 13: a CSV plan or units file with too many entries is refused with the count", async () => {
    const rows = Array.from(
      { length: 5001 },
      (_, i) => `${i + 1},Nhiệm vụ số ${i + 1},Sở Nội vụ,,Quý II năm 2024`,
    );
    const plan = ["MÃ,NHIỆM VỤ,ĐƠN VỊ CHỦ TRÌ,ĐƠN VỊ PHỐI HỢP,THỜI HẠN", ...rows].join("\n");
    expect(
      (
        await refusal(() =>
          readPlanFile(Buffer.from(plan), "ke-hoach.csv", {
            plan: { title: "Kế hoạch thử", code: "thu" },
          }),
        )
      )[0],
    ).toContain("Tệp có 5001 nhiệm vụ, vượt giới hạn 5000");
    const units = [
      "Mã;Tên;Loại",
      ...Array.from({ length: 2001 }, (_, i) => `DV${i};Đơn vị ${i};sở`),
    ].join("\n");
    expect((await refusal(() => readUnitsFile(Buffer.from(units), "don-vi.csv")))[0]).toContain(
      "Tệp có 2001 đơn vị, vượt giới hạn 2000",
    );
  });
});

describe("fault 11: files not in UTF-8", () => {
  // "Sở" typed in Windows-1258: S, then 0xD2 (O with horn) and a combining hook 0xD2 0xEC.
  const windows1258 = (before: string) =>
    Buffer.concat([Buffer.from(before), Buffer.from([0x53, 0xd5, 0xec, 0x0a])]);

  it("fault 11: a plan or units file in an old encoding is refused with its line and a hint to save as UTF-8", async () => {
    const [plan] = await refusal(() =>
      readPlanFile(windows1258("KẾ HOẠCH\nVăn hóa công vụ\n"), "ke-hoach.txt"),
    );
    expect(plan).toContain("ke-hoach.txt:3");
    expect(plan).toContain("UTF-8");
    expect(plan).toContain("Windows-1258");
    const [units] = await refusal(() =>
      readUnitsFile(windows1258("Mã;Tên;Loại\nSNV;"), "don-vi.csv"),
    );
    expect(units).toContain("don-vi.csv:2");
    expect(units).toContain("lưu lại với bảng mã UTF-8");
  });
});
