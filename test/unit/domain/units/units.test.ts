import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PlanFileInvalid } from "../../../../src/domain/plan/types.js";
import { expandAssignees } from "../../../../src/domain/units/expand.js";
import { resolveUnitName } from "../../../../src/domain/units/resolve.js";
import { isUnitActive, unitsFileSchema, type Unit } from "../../../../src/domain/units/types.js";
import { readUnitsFile } from "../../../../src/readers/units-file.js";
import { said } from "../../../helpers/plan-errors.js";

const SAMPLES = new URL("../../../../data/samples/", import.meta.url);
const FIXTURES = new URL("../../../fixtures/plans/", import.meta.url);

function sample(name: string): Unit[] {
  return readUnitsFile(readFileSync(new URL(name, SAMPLES)), name);
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

const units2024 = sample("don-vi-thai-nguyen.yaml");
const units2025 = sample("don-vi-thai-nguyen-2025.yaml");
const HEADS = { unitNames: [], unitKinds: ["department", "district"] } as const;
const heads = { unitNames: [...HEADS.unitNames], unitKinds: [...HEADS.unitKinds] };

describe("the Thái Nguyên unit samples", () => {
  it("list the 20 provincial departments and agencies and the 9 district-level units of 2024", () => {
    expect(units2024.filter((u) => u.kind === "department")).toHaveLength(20);
    expect(units2024.filter((u) => u.kind === "district").map((u) => u.code)).toEqual([
      "TPTN",
      "TPSC",
      "TPPY",
      "DAITU",
      "DINHHOA",
      "PHULUONG",
      "DONGHY",
      "VONHAI",
      "PHUBINH",
    ]);
    expect(units2024.every((u) => u.active)).toBe(true);
    expect(unitsFileSchema.safeParse({ units: units2024 }).success).toBe(true);
  });

  it("show the 2025 merges with their successor and date", () => {
    const byCode = new Map(units2025.map((u) => [u.code, u]));
    expect(byCode.get("STTTT")).toMatchObject({
      active: false,
      mergedInto: "SKHCN",
      mergedAt: "2025-03-01",
    });
    expect(byCode.get("SKHDT")).toMatchObject({ mergedInto: "STC" });
    expect(byCode.get("SLDTBXH")).toMatchObject({ mergedInto: "SNV" });
    expect(byCode.get("DAITU")).toMatchObject({ active: false, mergedAt: "2025-07-01" });
    expect(byCode.get("DAITU")?.mergedInto).toBeUndefined();
  });
});

describe("resolveUnitName", () => {
  it.each([
    ["Sở Nội vụ", "SNV"],
    ["SỞ NỘI VỤ", "SNV"],
    ["so noi vu", "SNV"],
    ["Giám đốc Sở Nội vụ", "SNV"],
    ["Sở TT&TT", "STTTT"],
    ["sở tt & tt", "STTTT"],
    ["STTTT", "STTTT"],
    ["Sở Thông tin và Truyền thông", "STTTT"],
    ["Sở LĐ-TB&XH", "SLDTBXH"],
    ["Sở KH&ĐT", "SKHDT"],
    ["Sở KHĐT", "SKHDT"],
    ["Sở GD&ĐT", "SGDDT"],
    ["Sở Văn hoá, Thể thao và Du lịch", "SVHTTDL"],
    ["Sở Y tế", "SYT"],
    ["Ủy ban nhân dân thành phố Thái Nguyên", "TPTN"],
    ["TP. Thái Nguyên", "TPTN"],
    ["UBND huyện Đại Từ", "DAITU"],
    ["Huyện Định Hoá", "DINHHOA"],
    ["Văn phòng Ủy ban nhân dân tỉnh", "VPUBND"],
  ])("%s → %s", (name, code) => {
    expect(resolveUnitName(name, units2024)?.code).toBe(code);
  });

  it.each(["Sở Ngoại giao", "Bộ Nội vụ", "", "các cơ quan có liên quan"])(
    "finds nothing for %j",
    (name) => {
      expect(resolveUnitName(name, units2024)).toBeUndefined();
    },
  );
});

describe("expandAssignees", () => {
  it("expands 'các sở, ban, ngành; UBND các huyện, thành phố' to every department and district of 2024", () => {
    const result = expandAssignees(heads, units2024);
    expect(result.codes).toHaveLength(29);
    expect(result.codes).toContain("STTTT");
    expect(result.codes).toContain("PHUBINH");
    expect(result.codes).not.toContain("UBNDT");
    expect(result.unknown).toEqual([]);
  });

  it("follows the 2025 reorganisation by date", () => {
    const before = expandAssignees(heads, units2025, { asOf: "2024-12-31" });
    const after = expandAssignees(heads, units2025, { asOf: "2025-03-01" });
    const twoLevel = expandAssignees(heads, units2025, { asOf: "2025-07-01" });
    expect(before.codes).toContain("STTTT");
    expect(before.codes).not.toContain("SNNMT");
    expect(after.codes).not.toContain("STTTT");
    expect(after.codes).toContain("SNNMT");
    expect(
      after.codes.filter((c) => ["SKHDT", "SGTVT", "STNMT", "SNNPTNT", "SLDTBXH"].includes(c)),
    ).toEqual([]);
    expect(after.codes).toContain("DAITU");
    expect(twoLevel.codes).not.toContain("DAITU");
  });

  it("sends a task of a merged department to its successor and reports unknown and ended units", () => {
    const result = expandAssignees(
      {
        unitNames: ["Sở TT&TT", "Sở Ngoại giao", "UBND huyện Đại Từ", "Sở Tài chính"],
        unitKinds: [],
      },
      units2025,
      { asOf: "2025-09-01" },
    );
    expect(result).toEqual({
      codes: ["SKHCN", "STC"],
      unknown: ["Sở Ngoại giao"],
      redirected: [{ name: "Sở TT&TT", from: "STTTT", to: "SKHCN" }],
      ended: [{ name: "UBND huyện Đại Từ", code: "DAITU" }],
    });
  });

  it("counts a unit once when it is both named and of a listed kind", () => {
    const result = expandAssignees(
      { unitNames: ["Sở Nội vụ"], unitKinds: ["department"] },
      units2024,
    );
    expect(result.codes.filter((c) => c === "SNV")).toHaveLength(1);
  });
});

describe("isUnitActive", () => {
  const merged = units2025.find((u) => u.code === "STTTT");
  it.each([
    [undefined, false],
    ["2025-02-28", true],
    ["2025-03-01", false],
  ])("Sở TT&TT as of %s: %s", (asOf, expected) => {
    expect(merged && isUnitActive(merged, asOf)).toBe(expected);
  });
});

describe("readUnitsFile", () => {
  it("reads a CSV with Vietnamese headers and kinds, ';' lists and dd/mm/yyyy dates", () => {
    const units = readUnitsFile(readFileSync(new URL("don-vi.csv", FIXTURES)), "don-vi.csv");
    expect(units.map((u) => [u.code, u.kind])).toEqual([
      ["UBNDT", "other"],
      ["SNV", "department"],
      ["STTTT", "department"],
      ["SKHCN", "department"],
      ["DAITU", "district"],
    ]);
    expect(units[2]).toMatchObject({
      aliases: ["Sở TT&TT", "STTTT"],
      mergedInto: "SKHCN",
      mergedAt: "2025-03-01",
      active: false,
    });
  });

  it("lists every problem of a CSV with its line", () => {
    const error = invalid(() =>
      readUnitsFile(readFileSync(new URL("don-vi-loi.csv", FIXTURES)), "don-vi-loi.csv"),
    );
    expect(error.errors.map((e) => [e.code, e.line])).toEqual([
      ["duplicate_code", 3],
      ["invalid_value", 4],
      ["invalid_value", 5],
      ["unknown_reference", 6],
      ["unknown_reference", 6],
    ]);
    expect(said(error.errors[1]?.message)).toContain("“bộ”");
    expect(said(error.errors[2]?.message)).toContain("2025-02-30");
    expect(said(error.errors[4]?.message)).toContain("SNNMT");
  });

  it("lists every problem of a YAML file with its line", () => {
    const yaml = [
      "units:",
      "  - { code: SNV, name: Sở Nội vụ, kind: department }",
      "  - { code: X, name: Đơn vị X, kind: ministry }",
      "  - { code: Y, kind: department, mergedInto: Z }",
      "  - { code: W, name: Đơn vị W, kind: department, mergedInto: Z, mergedAt: 2025-13-01 }",
      "",
    ].join("\n");
    const error = invalid(() => readUnitsFile(yaml, "don-vi.yaml"));
    expect(error.errors.map((e) => [e.code, e.line])).toEqual([
      ["invalid_value", 3],
      ["required", 4],
      ["invalid_value", 5],
    ]);
    expect(said(error.errors[1]?.message)).toContain("units[2].name");
  });

  it("reads JSON units and rejects other extensions", () => {
    const json = JSON.stringify({ units: [{ code: "SNV", name: "Sở Nội vụ", kind: "sở" }] });
    expect(readUnitsFile(json, "don-vi.json")).toEqual([
      { code: "SNV", name: "Sở Nội vụ", kind: "department", aliases: [], active: true },
    ]);
    expect(invalid(() => readUnitsFile("", "don-vi.xlsx")).errors[0]?.code).toBe(
      "unsupported_extension",
    );
  });
});
