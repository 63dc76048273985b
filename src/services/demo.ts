import type { PrismaClient } from "@prisma/client";
import { parsePlanText } from "../domain/plan/text-parser.js";
import { readUnitsFile } from "../readers/units-file.js";
import { readDataFile } from "../readers/data-files.js";
import { importPlan } from "./plans.js";
import { importUnits } from "./units.js";

export const DEMO_UNITS_FILE = "don-vi-thai-nguyen.yaml";
export const DEMO_PLAN_FILE = "ke-hoach-vhcv-thai-nguyen-2024-2025.txt";

/** Console people of the demo, one per role, so that every command can be tried (`--as`). */
const DEMO_PEOPLE = [
  { externalId: "admin", displayName: "Quản trị (Sở Nội vụ)", role: "admin", unit: "SNV" },
  { externalId: "stp", displayName: "Thủ trưởng Sở Tư pháp", role: "head", unit: "STP" },
  { externalId: "daitu", displayName: "Đầu mối UBND huyện Đại Từ", role: "deputy", unit: "DAITU" },
  { externalId: "lanhdao", displayName: "Lãnh đạo UBND tỉnh", role: "leader", unit: null },
  { externalId: "canbo", displayName: "Cán bộ Sở Tư pháp", role: "staff", unit: "STP" },
] as const;

/** The names `npm start -- --as …` knows from the demo data. */
export const DEMO_PERSONAS: readonly string[] = DEMO_PEOPLE.map((person) => person.externalId);

/**
 * On an empty database, load the Thái Nguyên units and plan from data/samples and the demo
 * console people. Returns false when the database already had data (nothing is touched).
 * `onLoading` is told once it is decided that the data will be loaded (a first start).
 */
export async function loadDemoData(
  prisma: PrismaClient,
  now: Date,
  onLoading: () => void = () => undefined,
): Promise<{ units: number; plan: string; tasks: number } | false> {
  if ((await prisma.unit.count()) > 0 || (await prisma.plan.count()) > 0) return false;
  onLoading();
  const units = readUnitsFile(await readDataFile("samples", DEMO_UNITS_FILE), DEMO_UNITS_FILE);
  await importUnits(prisma, units, { actor: "demo", now });
  const parsed = parsePlanText(await readDataFile("samples", DEMO_PLAN_FILE), DEMO_PLAN_FILE);
  await importPlan(prisma, parsed, { file: DEMO_PLAN_FILE, actor: "demo", now });
  for (const person of DEMO_PEOPLE) {
    // Each person belongs to the unit their name says (the daitu persona to UBND huyện Đại Từ).
    const unit = person.unit
      ? await prisma.unit.findUnique({ where: { code: person.unit } })
      : null;
    await prisma.account.upsert({
      where: { channel_externalId: { channel: "console", externalId: person.externalId } },
      create: {
        channel: "console",
        externalId: person.externalId,
        displayName: person.displayName,
        privateChatId: `console:${person.externalId}`,
        role: person.role,
        unitId: unit?.id ?? null,
      },
      update: { role: person.role, unitId: unit?.id ?? null, displayName: person.displayName },
    });
  }
  return { units: units.length, plan: parsed.plan.title, tasks: parsed.tasks.length };
}
