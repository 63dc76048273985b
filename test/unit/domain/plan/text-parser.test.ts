import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../../../src/domain/plan/text-parser.js";
import {
  PlanFileInvalid,
  formatPlanFileError,
  type ParsedPlan,
} from "../../../../src/domain/plan/types.js";
import { render } from "../../../../src/i18n.js";
import { said, shown } from "../../../helpers/plan-errors.js";

const SAMPLE = new URL(
  "../../../../data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt",
  import.meta.url,
);
const FIXTURES = new URL("../../../fixtures/plans/", import.meta.url);

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

function invalid(run: () => unknown): PlanFileInvalid {
  try {
    run();
  } catch (e) {
    if (e instanceof PlanFileInvalid) return e;
    throw e;
  }
  throw new Error("expected PlanFileInvalid");
}

describe("parsePlanText: the Thái Nguyên plan 2024 - 2025", () => {
  const parsed: ParsedPlan = parsePlanText(readFileSync(SAMPLE, "utf8"), "thai-nguyen.txt");
  const byRef = new Map(parsed.tasks.map((t) => [t.ref, t]));

  it("reads the plan's title, issuer, period and a stable code", () => {
    expect(parsed.plan).toMatchObject({
      code: "vhcv-thai-nguyen-2024-2025",
      title:
        "KẾ HOẠCH Triển khai thực hiện Đề án Văn hóa công vụ tỉnh Thái Nguyên giai đoạn 2024 - 2025",
      issuer: "UBND tỉnh Thái Nguyên",
      period: "2024 - 2025",
    });
    expect(parsed.plan.sourceText).toContain("TỔ CHỨC THỰC HIỆN");
  });

  it("finds exactly the 14 tasks, in order, keeping the skipped letters", () => {
    expect(parsed.tasks.map((t) => t.ref)).toEqual([
      "IV.1.a",
      "IV.1.b",
      "IV.1.c",
      "IV.1.đ",
      "IV.1.e",
      "IV.2.a",
      "IV.2.b",
      "IV.3.a",
      "IV.3.b",
      "IV.3.c",
      "IV.3.d",
      "IV.3.đ",
      "IV.3.e",
      "IV.3.g",
    ]);
  });

  it.each([
    ["IV.1.a", "Thường xuyên", { kind: "ongoing" }],
    ["IV.1.b", "Thường xuyên", { kind: "ongoing" }],
    ["IV.1.c", "Năm 2024, năm 2025", { kind: "years", years: [2024, 2025] }],
    ["IV.1.đ", "Thường xuyên", { kind: "ongoing" }],
    ["IV.1.e", "trước ngày 15/12 hàng năm", { kind: "yearly", month: 12, day: 15 }],
    ["IV.2.a", "Thường xuyên", { kind: "ongoing" }],
    ["IV.2.b", "Thường xuyên", { kind: "ongoing" }],
    ["IV.3.a", "Quý II năm 2024", { kind: "once", due: "2024-06-30" }],
    ["IV.3.b", "Thường xuyên", { kind: "ongoing" }],
    ["IV.3.c", "Thường xuyên", { kind: "ongoing" }],
    ["IV.3.d", "Thường xuyên", { kind: "ongoing" }],
    ["IV.3.đ", "Thường xuyên", { kind: "ongoing" }],
    ["IV.3.e", "Thường xuyên", { kind: "ongoing" }],
    ["IV.3.g", "trước ngày 15/11 hàng năm", { kind: "yearly", month: 11, day: 15 }],
  ])("%s is due %s", (ref, deadlineText, deadline) => {
    expect(byRef.get(ref)).toMatchObject({ deadlineText, deadline });
  });

  it("names the responsible unit; the collective heading expands to kinds", () => {
    expect(byRef.get("IV.1.a")).toMatchObject({
      unit: "Sở Nội vụ",
      assignees: { unitNames: ["Sở Nội vụ"], unitKinds: [] },
    });
    expect(byRef.get("IV.2.a")?.assignees.unitNames).toEqual(["Sở Thông tin và Truyền thông"]);
    for (const ref of ["IV.3.a", "IV.3.g"]) {
      expect(byRef.get(ref)).toMatchObject({
        unit: "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố",
        assignees: { unitNames: [], unitKinds: ["department", "district"] },
      });
    }
  });

  it("takes the cooperating units from the intro line under the heading, for each of its tasks", () => {
    expect(byRef.get("IV.2.a")?.cooperating).toEqual(["Sở Nội vụ", "các cơ quan có liên quan"]);
    expect(byRef.get("IV.2.b")?.cooperating).toEqual(["Sở Nội vụ", "các cơ quan có liên quan"]);
    expect(byRef.get("IV.1.a")?.cooperating).toEqual([]);
    expect(byRef.get("IV.3.b")?.cooperating).toEqual([]);
  });

  it("joins a sentence split by a blank line and leaves the deadline line out of the body", () => {
    const body = byRef.get("IV.2.b")?.body ?? "";
    expect(body).toContain("về Bộ Quy tắc ứng xử trên mạng xã hội tại Quyết định số 874/QĐ-BTTTT");
    expect(body).not.toContain("Thời gian");
  });

  it("stops at the closing paragraph", () => {
    const last = byRef.get("IV.3.g")?.body ?? "";
    expect(last).toMatch(/^Chỉ đạo, kiểm tra, đôn đốc/);
    expect(last).not.toContain("Chủ tịch UBND tỉnh yêu cầu");
    expect(last).not.toContain("Nơi nhận");
  });

  it("gives each task a short title (its first sentence) and the line it starts on", () => {
    for (const task of parsed.tasks) {
      expect(task.title.length).toBeGreaterThan(10);
      expect(task.title.length).toBeLessThanOrEqual(160);
      expect(task.body.startsWith(task.title.replace(/…$/, ""))).toBe(true);
    }
    expect(byRef.get("IV.1.a")?.title).toBe(
      "Hướng dẫn, theo dõi, kiểm tra, đôn đốc các sở, ban, ngành, UBND các huyện, thành phố thuộc tỉnh trong quá trình thực hiện",
    );
    expect(byRef.get("IV.2.a")?.title).toBe(
      "Đẩy mạnh công tác thông tin, tuyên truyền về văn hóa công vụ",
    );
    expect(byRef.get("IV.1.a")?.line).toBe(85);
    expect(byRef.get("IV.3.g")?.line).toBe(143);
  });
});

describe("parsePlanText: other layouts", () => {
  const parsed = parsePlanText(fixture("ke-hoach-khong-dau.txt"), "bac-kan.txt");

  it("finds the section heading written without diacritics and ends it at the next roman heading", () => {
    expect(parsed.tasks.map((t) => t.ref)).toEqual(["II.1.a", "II.1.b", "II.2", "II.3.a"]);
    expect(parsed.plan).toMatchObject({ code: "vhcv-bac-kan-2025", period: "2025" });
  });

  it("reads a bold heading that says who leads and who cooperates", () => {
    expect(parsed.tasks[0]).toMatchObject({ unit: "Sở Nội vụ", cooperating: ["Sở Tài chính"] });
  });

  it("reads a deadline after a label inside the task's sentence and removes it from the body", () => {
    expect(parsed.tasks[0]).toMatchObject({
      deadlineText: "Quý II/2025",
      deadline: { kind: "once", due: "2025-06-30" },
      body: "Xây dựng bộ tiêu chí đánh giá văn hóa công vụ.",
    });
    expect(parsed.tasks[1]).toMatchObject({ deadline: { kind: "once", due: "2025-12-20" } });
  });

  it("takes the text under a heading with no lettered task as that unit's task", () => {
    expect(parsed.tasks[2]).toMatchObject({
      ref: "II.2",
      unit: "Sở Tài chính",
      title: "Bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách năm 2025",
      deadline: { kind: "once", due: "2025-12-31" },
    });
  });

  it("reads 'Hàng năm, … trước ngày 10/12' as yearly and expands districts and public service units", () => {
    expect(parsed.tasks[3]).toMatchObject({
      deadline: { kind: "yearly", month: 12, day: 10 },
      assignees: { unitNames: [], unitKinds: ["district", "public_service"] },
    });
  });
});

describe("parsePlanText: problems", () => {
  it("imports what it can and lists every problem with its line", () => {
    const parsed = parsePlanText(fixture("ke-hoach-loi.txt"), "loi.txt");
    expect(parsed.tasks.map((t) => [t.ref, t.deadline])).toEqual([
      ["IV.1.a", null],
      ["IV.1.b", null],
      ["IV.1.c", { kind: "ongoing" }],
      ["IV.1.c-2", { kind: "once", due: "2025-12-31" }],
    ]);
    expect(parsed.warnings.map((w) => w.line)).toEqual([10, 12, 18]);
    expect(said(parsed.warnings[0]?.message)).toContain("Quý V năm 2025");
    expect(said(parsed.warnings[0]?.message)).toContain("IV.1.a");
    expect(said(parsed.warnings[1]?.message)).toContain("chưa có thời hạn");
    expect(said(parsed.warnings[2]?.message)).toContain("IV.1.c-2");
    expect(said(parsed.tasks[0]?.warning)).toContain("Quý V năm 2025");
  });

  it.each([
    ["an empty file", "  \n", "empty_file"],
    ["a plan with aims but no task", "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n\nKhông có gì.\n", "no_tasks"],
    [
      "a section with no tasks",
      "KẾ HOẠCH\nThử\n\nIV. TỔ CHỨC THỰC HIỆN\n\nNơi nhận:\n",
      "no_tasks",
    ],
    [
      "a task nobody is named for",
      "KẾ HOẠCH\nThử\n\nIV. TỔ CHỨC THỰC HIỆN\n\na) Làm việc.\n\nThời hạn: Thường xuyên\n",
      "no_tasks",
    ],
  ])("rejects %s, saying what a plan needs", (_label, text, code) => {
    const error = invalid(() => parsePlanText(text, "x.txt"));
    expect(error.errors.map((e) => e.code)).toContain(code);
    if (code === "no_tasks") expect(shown(error)).toContain("Đơn vị chủ trì");
  });

  it("never guesses a deadline it cannot read: the task is kept without a date, with a warning", () => {
    const text =
      "KẾ HOẠCH\nThử\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\na) Làm việc.\n\nThời hạn: sớm nhất có thể\n";
    const parsed = parsePlanText(text, "x.txt");
    expect(parsed.tasks).toEqual([
      expect.objectContaining({ ref: "IV.1.a", deadline: null, deadlineText: "sớm nhất có thể" }),
    ]);
    expect(parsed.warnings).toEqual([expect.objectContaining({ line: 10, file: "x.txt" })]);
    expect(said(parsed.warnings[0]?.message)).toContain("sớm nhất có thể");
  });

  it("words its problems in the reader's language: a message key, not Vietnamese text", () => {
    const text =
      "KẾ HOẠCH\nThử\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\na) Làm việc.\n\nThời hạn: sớm nhất có thể\n";
    const warning = parsePlanText(text, "x.txt").warnings[0];
    expect(warning?.message).toMatchObject({ key: "planfile.warning.deadline_unreadable" });
    const english = render(formatPlanFileError(warning ?? { file: "", message: "" }), "en");
    expect(english).toMatch(/^x\.txt:10: /);
    expect(english).toContain("sớm nhất có thể");
    expect(english).not.toBe(said(formatPlanFileError(warning ?? { file: "", message: "" })));
  });
});
