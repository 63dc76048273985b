import { describe, expect, it } from "vitest";
import type { ParsedPlan, ParsedTask, TaskAssignees } from "../../../src/domain/plan/types.js";
import type { Unit } from "../../../src/domain/units/types.js";
import {
  guessUnitKind,
  parseUnitMapping,
  resolvePlanUnits,
  unitCodeFromName,
} from "../../../src/services/plan-import-units.js";

const unit = (code: string, name: string, kind: Unit["kind"], extra: Partial<Unit> = {}): Unit => ({
  code,
  name,
  kind,
  aliases: [],
  active: true,
  ...extra,
});

// A province after July 2025: departments and communes, no district level any more.
const UNITS: Unit[] = [
  unit("SNV", "Sở Nội vụ", "department"),
  unit("SKHCN", "Sở Khoa học và Công nghệ", "department"),
  unit("XTANCUONG", "UBND xã Tân Cương", "commune"),
  unit("PHOANGVANTHU", "UBND phường Hoàng Văn Thụ", "commune"),
  unit("DAITU", "UBND huyện Đại Từ", "district", { active: false, mergedAt: "2025-07-01" }),
];

function task(
  ref: string,
  unitText: string,
  assignees: Partial<TaskAssignees>,
  line = 10,
): ParsedTask {
  return {
    ref,
    unit: unitText,
    assignees: { unitNames: [], unitKinds: [], ...assignees },
    cooperating: [],
    title: `Việc ${ref}`,
    body: `Việc ${ref}.`,
    deadlineText: "Thường xuyên",
    deadline: { kind: "ongoing" },
    line,
  };
}

function plan(tasks: ParsedTask[]): ParsedPlan {
  return {
    plan: { code: "kh-thu", title: "Kế hoạch thử", issuer: "UBND tỉnh", period: "2026" },
    tasks,
    warnings: [],
  };
}

const AT = { asOf: "2026-03-01", today: "2026-03-01" };

describe("unit names on plan import", () => {
  it("guesses the kind from the name", () => {
    expect(guessUnitKind("Sở Khoa học và Công nghệ")).toBe("department");
    expect(guessUnitKind("Ban Quản lý các khu công nghiệp")).toBe("department");
    expect(guessUnitKind("UBND xã Tân Cương")).toBe("commune");
    expect(guessUnitKind("Ủy ban nhân dân phường Phan Đình Phùng")).toBe("commune");
    expect(guessUnitKind("UBND huyện Phú Lương")).toBe("district");
    expect(guessUnitKind("UBND thành phố Sông Công")).toBe("district");
    expect(guessUnitKind("UBND thị xã Phổ Yên")).toBe("district");
    expect(guessUnitKind("Công an tỉnh")).toBe("other");
  });

  it("makes short unique codes from names", () => {
    const taken = new Set(["SNV", "TANCUONG"]);
    expect(unitCodeFromName("Sở Khoa học và Công nghệ", "department", taken)).toBe("SKHCN");
    expect(unitCodeFromName("Sở Nội vụ", "department", taken)).toBe("SNV2");
    expect(unitCodeFromName("UBND xã Tân Cương", "commune", taken)).toBe("TANCUONG2");
    expect(unitCodeFromName("UBND phường Quyết Thắng", "commune", taken)).toBe("QUYETTHANG");
  });

  it('reads --map "Tên đơn vị=CODE" (the last "=" splits)', () => {
    expect(parseUnitMapping("Sở KH&CN=SKHCN")).toEqual({ name: "Sở KH&CN", code: "SKHCN" });
    expect(parseUnitMapping("Ban A=B=BAB")).toEqual({ name: "Ban A=B", code: "BAB" });
    expect(parseUnitMapping("SKHCN")).toBeUndefined();
    expect(parseUnitMapping("=SKHCN")).toBeUndefined();
  });

  it("expands collective names to the registered units of that kind, as kinds or as written names", () => {
    const result = resolvePlanUnits(
      plan([
        task("1.a", "UBND các xã, phường", { unitKinds: ["commune"] }),
        task("1.b", "UBND các xã, phường", { unitNames: ["UBND các xã, phường"] }),
        task("1.c", "Các sở, ban, ngành", { unitNames: ["Các sở, ban, ngành"] }),
      ]),
      UNITS,
      AT,
    );
    expect(result.unresolved).toEqual([]);
    expect(result.tasks.map((t) => t.unitCodes)).toEqual([
      ["XTANCUONG", "PHOANGVANTHU"],
      ["XTANCUONG", "PHOANGVANTHU"],
      ["SNV", "SKHCN"],
    ]);
  });

  it("expands generic names: agencies to departments, and with localities to local government too", () => {
    const result = resolvePlanUnits(
      plan([
        task("1.d", "Các cơ quan, đơn vị", { unitNames: ["Các cơ quan, đơn vị theo quy định"] }),
        task("1.e", "Các cơ quan, đơn vị, địa phương", {
          unitNames: ["Các cơ quan, đơn vị, địa phương"],
        }),
      ]),
      UNITS,
      AT,
    );
    expect(result.unresolved).toEqual([]);
    expect(result.tasks.map((t) => t.unitCodes)).toEqual([
      ["SNV", "SKHCN"],
      ["SNV", "SKHCN", "XTANCUONG", "PHOANGVANTHU"],
    ]);
  });

  it("lists a district-level collective name when the province has no district level any more", () => {
    const result = resolvePlanUnits(
      plan([task("2.a", "UBND các huyện, thành phố", { unitKinds: ["district"] }, 31)]),
      UNITS,
      AT,
    );
    expect(result.unresolved).toEqual([
      { name: "UBND các huyện, thành phố", refs: ["2.a"], line: 31, reason: "no_units_of_kind" },
    ]);
  });

  it("lists unknown names with the code and kind --create-units would give, once per name", () => {
    const tasks = [
      task("3.a", "Doanh nghiệp, nhà cung cấp dịch vụ IoT", {
        unitNames: ["Doanh nghiệp, nhà cung cấp dịch vụ IoT"],
      }),
      task("3.b", "Sở Nội vụ; Ban Dân tộc", { unitNames: ["Sở Nội vụ", "Ban Dân tộc"] }, 20),
      task("3.c", "Ban Dân tộc", { unitNames: ["Ban dân tộc"] }, 25),
    ];
    const result = resolvePlanUnits(plan(tasks), UNITS, AT);
    expect(result.unresolved.map((u) => [u.name, u.refs, u.reason, u.proposed])).toEqual([
      [
        "Doanh nghiệp, nhà cung cấp dịch vụ IoT",
        ["3.a"],
        "unknown",
        { code: "DNNCCDVI", kind: "other" },
      ],
      ["Ban Dân tộc", ["3.b", "3.c"], "unknown", { code: "BDT", kind: "department" }],
    ]);
    expect(result.tasks[1]?.unitCodes).toEqual(["SNV"]);
    expect(result.toCreate).toEqual([]);

    const created = resolvePlanUnits(plan(tasks), UNITS, { ...AT, createUnits: true });
    expect(created.unresolved).toEqual([]);
    expect(created.toCreate.map((u) => [u.code, u.name, u.kind, u.establishedAt])).toEqual([
      ["DNNCCDVI", "Doanh nghiệp, nhà cung cấp dịch vụ IoT", "other", "2026-03-01"],
      ["BDT", "Ban Dân tộc", "department", "2026-03-01"],
    ]);
    expect(created.tasks.map((t) => t.unitCodes)).toEqual([["DNNCCDVI"], ["SNV", "BDT"], ["BDT"]]);
  });

  it("maps a written name to a registered code, and reports a mapping to a code that does not exist", () => {
    const tasks = [task("4.a", "Sở KH và CN tỉnh", { unitNames: ["Sở KH và CN tỉnh"] })];
    const mapped = resolvePlanUnits(plan(tasks), UNITS, {
      ...AT,
      mappings: [{ name: "sở kh và cn tỉnh", code: "skhcn" }],
    });
    expect(mapped.unresolved).toEqual([]);
    expect(mapped.tasks[0]?.unitCodes).toEqual(["SKHCN"]);
    const several = resolvePlanUnits(plan(tasks), UNITS, {
      ...AT,
      mappings: [{ name: "Sở KH và CN tỉnh", code: "SKHCN,SNV" }],
    });
    expect(several.tasks[0]?.unitCodes).toEqual(["SKHCN", "SNV"]);
    const bad = resolvePlanUnits(plan(tasks), UNITS, {
      ...AT,
      mappings: [{ name: "Sở KH và CN tỉnh", code: "NOPE" }],
    });
    expect(bad.badMappings).toEqual([{ name: "Sở KH và CN tỉnh", code: "NOPE" }]);
    expect(bad.unresolved.map((u) => u.name)).toEqual(["Sở KH và CN tỉnh"]);
  });

  it("a unit registered after the plan started still receives the tasks that name it", () => {
    const units = [
      ...UNITS,
      unit("BDT", "Ban Dân tộc", "department", { establishedAt: "2026-05-02" }),
    ];
    const result = resolvePlanUnits(
      plan([task("5.a", "Ban Dân tộc", { unitNames: ["Ban Dân tộc"] })]),
      units,
      { asOf: "2026-01-01", today: "2026-06-01" },
    );
    expect(result.unresolved).toEqual([]);
    expect(result.tasks[0]?.unitCodes).toEqual(["BDT"]);
  });
});
