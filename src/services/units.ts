import type { Prisma, PrismaClient, Unit as UnitRow } from "@prisma/client";
import type { Unit } from "../domain/units/types.js";
import { audit } from "./audit.js";
import { isoDate } from "../presentation/format.js";

const day = (value: string | undefined) => (value ? new Date(`${value}T00:00:00Z`) : null);

/** Database rows → the domain's unit list (what name resolution and expansion work on). */
export async function loadUnits(prisma: PrismaClient | Prisma.TransactionClient): Promise<Unit[]> {
  const rows = await prisma.unit.findMany({
    orderBy: { id: "asc" },
    include: { parent: true, mergedInto: true },
  });
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    aliases: row.aliases,
    active: row.active,
    ...(row.parent ? { parent: row.parent.code } : {}),
    ...(row.mergedInto ? { mergedInto: row.mergedInto.code } : {}),
    ...(row.mergedAt ? { mergedAt: isoDate(row.mergedAt) } : {}),
    ...(row.establishedAt ? { establishedAt: isoDate(row.establishedAt) } : {}),
  }));
}

export interface UnitsImportSummary {
  added: string[];
  changed: string[];
  kept: string[];
}

function sameUnit(
  row: UnitRow & { parent: UnitRow | null; mergedInto: UnitRow | null },
  unit: Unit,
): boolean {
  return (
    row.name === unit.name &&
    row.kind === unit.kind &&
    row.active === unit.active &&
    (row.parent?.code ?? undefined) === unit.parent &&
    (row.mergedInto?.code ?? undefined) === unit.mergedInto &&
    (row.mergedAt ? isoDate(row.mergedAt) : undefined) === unit.mergedAt &&
    (row.establishedAt ? isoDate(row.establishedAt) : undefined) === unit.establishedAt &&
    row.aliases.join("\n") === unit.aliases.join("\n")
  );
}

/**
 * Add or update units by code, in one transaction (a unit missing from the file is kept).
 * Parents and mergers are linked in a second pass, since they may point forward in the file.
 */
export async function importUnits(
  prisma: PrismaClient,
  units: readonly Unit[],
  options: { dryRun?: boolean; actor: string; now: Date },
): Promise<UnitsImportSummary> {
  const existing = await prisma.unit.findMany({ include: { parent: true, mergedInto: true } });
  const byCode = new Map(existing.map((row) => [row.code, row]));
  const summary: UnitsImportSummary = { added: [], changed: [], kept: [] };
  for (const unit of units) {
    const row = byCode.get(unit.code);
    if (!row) summary.added.push(unit.code);
    else if (sameUnit(row, unit)) summary.kept.push(unit.code);
    else summary.changed.push(unit.code);
  }
  if (options.dryRun || (summary.added.length === 0 && summary.changed.length === 0))
    return summary;
  await prisma.$transaction(async (tx) => {
    for (const unit of units) {
      const data = {
        name: unit.name,
        kind: unit.kind,
        aliases: unit.aliases,
        active: unit.active && unit.mergedAt === undefined,
        mergedAt: day(unit.mergedAt),
        establishedAt: day(unit.establishedAt),
      };
      await tx.unit.upsert({
        where: { code: unit.code },
        create: { code: unit.code, ...data },
        update: data,
      });
    }
    const ids = new Map(
      (await tx.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]),
    );
    for (const unit of units) {
      await tx.unit.update({
        where: { code: unit.code },
        data: {
          parentId: unit.parent ? (ids.get(unit.parent) ?? null) : null,
          mergedIntoId: unit.mergedInto ? (ids.get(unit.mergedInto) ?? null) : null,
        },
      });
    }
    await audit(
      tx,
      {
        actor: options.actor,
        action: "units.import",
        details: { added: summary.added, changed: summary.changed },
      },
      options.now,
    );
  });
  return summary;
}
