import { readFile } from "node:fs/promises";
import type { Database } from "../../src/db/client.js";
import { parsePlanText } from "../../src/domain/plan/text-parser.js";
import type { Unit } from "../../src/domain/units/types.js";
import { readUnitsFile } from "../../src/readers/units-file.js";
import { importPlan } from "../../src/services/plans.js";
import { importUnits } from "../../src/services/units.js";
import { projectRoot } from "./process.js";

export const PLAN_CODE = "vhcv-thai-nguyen-2024-2025";

/** The Thái Nguyên plan over some of its units (all of them when `only` is not given). */
export async function loadThaiNguyen(db: Database, now: Date, only?: string[]): Promise<Unit[]> {
  const unitsText = await readFile(`${projectRoot}/data/samples/don-vi-thai-nguyen.yaml`, "utf8");
  const all = readUnitsFile(unitsText, "don-vi-thai-nguyen.yaml");
  const units = only
    ? all
        .filter((u) => only.includes(u.code))
        .map((u) => ({ ...u, parent: u.parent && only.includes(u.parent) ? u.parent : undefined }))
    : all;
  await importUnits(db.prisma, units, { actor: "test", now });
  const planText = await readFile(
    `${projectRoot}/data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt`,
    "utf8",
  );
  await importPlan(db.prisma, parsePlanText(planText, "plan.txt"), {
    file: "plan.txt",
    actor: "test",
    now,
  });
  return units;
}

/** A linked person with a private chat. */
export async function person(
  db: Database,
  options: {
    id: string;
    role: "admin" | "head" | "deputy" | "leader" | "staff";
    unit?: string;
    channel?: "telegram" | "zalo";
  },
) {
  const unit = options.unit
    ? await db.prisma.unit.findUniqueOrThrow({ where: { code: options.unit } })
    : null;
  return db.prisma.account.create({
    data: {
      channel: options.channel ?? "telegram",
      externalId: options.id,
      displayName: options.id,
      privateChatId: options.id,
      role: options.role,
      unitId: unit?.id ?? null,
    },
  });
}

export async function secretariatChat(db: Database, chatId = "-100500") {
  return db.prisma.chat.create({
    data: {
      channel: "telegram",
      externalId: chatId,
      kind: "group",
      purpose: "secretariat",
      title: "Sở Nội vụ",
    },
  });
}
