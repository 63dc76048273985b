import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { unitSchema, type UnitInput } from "../../src/domain/units/types.js";
import { importUnits, loadUnits } from "../../src/services/units.js";
import { testDatabases } from "../helpers/db.js";

const NOW = new Date("2025-03-01T02:00:00Z");
const units = (list: UnitInput[]) => list.map((unit) => unitSchema.parse(unit));

const PROVINCE: UnitInput[] = [
  { code: "UBNDT", name: "UBND tỉnh", kind: "other" },
  { code: "SNN", name: "Sở Nông nghiệp", kind: "department", parent: "UBNDT" },
  { code: "STNMT", name: "Sở Tài nguyên và Môi trường", kind: "department", parent: "UBNDT" },
  { code: "DAITU", name: "UBND huyện Đại Từ", kind: "district", aliases: ["Đại Từ"] },
];

describe.each(testDatabases())("units import on $name", ({ open }) => {
  let db: Database;
  beforeEach(async () => {
    db = await open();
  }, 120_000);
  afterEach(async () => {
    await db?.close();
  });

  it("a first import stores every unit with its parent and aliases", async () => {
    const summary = await importUnits(db.prisma, units(PROVINCE), { actor: "t", now: NOW });
    expect(summary.added).toEqual(["UBNDT", "SNN", "STNMT", "DAITU"]);
    expect(await loadUnits(db.prisma)).toEqual(units(PROVINCE));
  });

  it("a merge re-imported changes only the units that changed, and links them by code", async () => {
    await importUnits(db.prisma, units(PROVINCE), { actor: "t", now: NOW });
    const merged: UnitInput[] = [
      PROVINCE[0]!,
      { ...PROVINCE[1]!, active: false, mergedInto: "SNNMT", mergedAt: "2025-03-01" },
      { ...PROVINCE[2]!, active: false, mergedInto: "SNNMT", mergedAt: "2025-03-01" },
      { ...PROVINCE[3]!, parent: "UBNDT" },
      {
        code: "SNNMT",
        name: "Sở Nông nghiệp và Môi trường",
        kind: "department",
        parent: "UBNDT",
        establishedAt: "2025-03-01",
      },
    ];
    const summary = await importUnits(db.prisma, units(merged), { actor: "t", now: NOW });
    expect(summary).toEqual({
      added: ["SNNMT"],
      changed: ["SNN", "STNMT", "DAITU"],
      kept: ["UBNDT"],
    });
    const stored = await loadUnits(db.prisma);
    expect(stored.find((u) => u.code === "SNN")).toMatchObject({
      active: false,
      mergedInto: "SNNMT",
      parent: "UBNDT",
    });
    expect(stored.find((u) => u.code === "DAITU")).toMatchObject({ parent: "UBNDT" });
    expect(stored.find((u) => u.code === "SNNMT")).toMatchObject({
      parent: "UBNDT",
      establishedAt: "2025-03-01",
    });
    // Importing the same list again writes nothing.
    const again = await importUnits(db.prisma, units(merged), { actor: "t", now: NOW });
    expect(again.added.length + again.changed.length).toBe(0);
  });

  it("a parent dropped from the file is dropped from the unit", async () => {
    await importUnits(db.prisma, units(PROVINCE), { actor: "t", now: NOW });
    const withoutParent = PROVINCE.map(({ parent: _parent, ...unit }) => unit);
    await importUnits(db.prisma, units(withoutParent), { actor: "t", now: NOW });
    expect((await loadUnits(db.prisma)).some((u) => u.parent !== undefined)).toBe(false);
  });
});
