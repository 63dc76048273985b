import { describe, expect, it } from "vitest";
import { PlanFileInvalid } from "../../../src/domain/plan/types.js";
import { readPlanCsv } from "../../../src/readers/csv-plan.js";
import { readPlanXlsx, writePlanXlsx } from "../../../src/readers/xlsx-plan.js";
import { readPlanYaml } from "../../../src/readers/yaml-plan.js";
import { refusal, said } from "../../helpers/plan-errors.js";

// Plan files in the project's YAML/JSON/CSV/XLSX layouts, in our own words.

const YAML = `
plan:
  title: Kế hoạch báo cáo định kỳ năm 2026
  period: "2026"
tasks:
  - ref: "1"
    unit: Sở Nội vụ
    title: Báo cáo tháng
    deadline: trước ngày 20 hằng tháng
  - ref: "2"
    unit: Sở Nội vụ
    title: Báo cáo quý
    deadline: { kind: quarterly, month: 3, day: 15 }
  - ref: "3"
    unit: Sở Tài chính
    title: Sơ kết, tổng kết
    deadline:
      kind: several
      deadlines:
        - { kind: yearly, month: 6, day: 15 }
        - { kind: yearly, month: 12, day: 15 }
  - ref: "4"
    unit: Sở Tài chính
    title: Tập huấn theo kế hoạch của Sở
    deadline: Theo kế hoạch riêng
  - ref: "5"
    unit: Sở Y tế
    title: Việc chưa ghi thời hạn
  - ref: "6"
    unit: Sở Y tế
    title: Việc ghi thời hạn trống
    deadline: ""
`;

describe("YAML/JSON plans: the new kinds and tasks without a date", () => {
  it("reads phrases, the normalised objects, and tasks without a date (with warnings)", () => {
    const plan = readPlanYaml(YAML, "dinh-ky.yaml");
    expect(plan.tasks.map((t) => [t.ref, t.deadline])).toEqual([
      ["1", { kind: "monthly", day: 20 }],
      ["2", { kind: "quarterly", month: 3, day: 15 }],
      [
        "3",
        {
          kind: "several",
          deadlines: [
            { kind: "yearly", month: 6, day: 15 },
            { kind: "yearly", month: 12, day: 15 },
          ],
        },
      ],
      ["4", null],
      ["5", null],
      ["6", null],
    ]);
    expect(said(plan.tasks[3]?.warning)).toBe("chưa có thời hạn: “Theo kế hoạch riêng”");
    expect(said(plan.tasks[4]?.warning)).toMatch(/^chưa có thời hạn/);
    expect(plan.warnings.map((w) => [w.line, said(w.message).slice(0, 3)])).toEqual([
      [plan.tasks[3]?.line, "4: "],
      [plan.tasks[4]?.line, "5: "],
      [plan.tasks[5]?.line, "6: "],
    ]);
    expect(plan.warnings.every((w) => w.file === "dinh-ky.yaml" && w.line !== undefined)).toBe(
      true,
    );
  });

  it("reads back the output of plan parse --json, undated tasks included", () => {
    const first = readPlanYaml(YAML, "dinh-ky.yaml");
    const json = JSON.stringify({ plan: first.plan, tasks: first.tasks });
    const again = readPlanYaml(json, "dinh-ky.json", "JSON");
    expect(again.tasks.map((t) => t.deadline)).toEqual(first.tasks.map((t) => t.deadline));
  });

  it("still rejects a deadline it does not understand, naming the line", () => {
    const bad = `plan: { title: Kế hoạch thử }\ntasks:\n  - { ref: "1", unit: Sở Nội vụ, title: Việc, deadline: càng sớm càng tốt }\n`;
    expect(() => readPlanYaml(bad, "thu.yaml")).toThrow(PlanFileInvalid);
    expect(refusal(() => readPlanYaml(bad, "thu.yaml"))).toMatch(/thu\.yaml:3/);
  });
});

describe("CSV and Excel plans: the new kinds and empty deadline cells", () => {
  const CSV = [
    "Tên kế hoạch;Kế hoạch báo cáo định kỳ năm 2026",
    "Mã;Nhiệm vụ;Nội dung;Đơn vị chủ trì;Đơn vị phối hợp;Thời hạn",
    "1;Báo cáo tháng;;Sở Nội vụ;;trước ngày 20 hằng tháng",
    '2;Báo cáo quý;;Sở Nội vụ;;"{""kind"":""quarterly"",""month"":2,""day"":10}"',
    "3;Việc chưa có ngày;;Sở Y tế;;",
    "4;Việc chờ văn bản;;Sở Y tế;;Sau khi Bộ Y tế ban hành hướng dẫn",
  ].join("\n");

  it("reads a CSV plan whose deadline cell is empty or in the JSON form", () => {
    const plan = readPlanCsv(CSV, "dinh-ky.csv");
    expect(plan.tasks.map((t) => t.deadline)).toEqual([
      { kind: "monthly", day: 20 },
      { kind: "quarterly", month: 2, day: 10 },
      null,
      null,
    ]);
    expect(plan.warnings.map((w) => w.line)).toEqual([5, 6]);
  });

  it("round-trips an Excel plan with the new kinds and undated tasks", async () => {
    const plan = readPlanYaml(YAML, "dinh-ky.yaml");
    const back = await readPlanXlsx(await writePlanXlsx(plan), "dinh-ky.xlsx");
    expect(back.tasks.map((t) => t.deadline)).toEqual(plan.tasks.map((t) => t.deadline));
    // A deadline given only as an object is written as a phrase that reads back the same.
    expect(back.tasks[1]?.deadlineText).toBe("Trước ngày 15 tháng cuối quý");
    expect(back.tasks[2]?.deadlineText).toBe("Hằng năm, 15/06 và 15/12");
    expect(back.warnings).toHaveLength(3);
  });
});
