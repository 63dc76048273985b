import type { Prisma, PrismaClient, Unit as UnitRow } from "@prisma/client";
import type { Unit } from "../domain/units/types.js";
import { utcTimestamp } from "../db/sql-time.js";
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
/** Parent and merged-into links of the units written, by code, in one statement. */
async function linkUnits(tx: Prisma.TransactionClient, units: readonly Unit[], now: Date) {
  if (units.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Unit" AS u SET "parentId" = p."id", "mergedIntoId" = m."id",
      "updatedAt" = ${utcTimestamp(now)}
    FROM unnest(${units.map((unit) => unit.code)}::text[],
                ${units.map((unit) => unit.parent ?? null)}::text[],
                ${units.map((unit) => unit.mergedInto ?? null)}::text[]) AS link(code, parent, merged)
      LEFT JOIN "Unit" AS p ON p."code" = link.parent
      LEFT JOIN "Unit" AS m ON m."code" = link.merged
    WHERE u."code" = link.code`;
}

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
  const touched = new Set([...summary.added, ...summary.changed]);
  const written = units.filter((unit) => touched.has(unit.code));
  await prisma.$transaction(async (tx) => {
    const data = (unit: Unit) => ({
      name: unit.name,
      kind: unit.kind,
      aliases: unit.aliases,
      active: unit.active && unit.mergedAt === undefined,
      mergedAt: day(unit.mergedAt),
      establishedAt: day(unit.establishedAt),
    });
    const added = written.filter((unit) => !byCode.has(unit.code));
    if (added.length > 0) {
      await tx.unit.createMany({ data: added.map((unit) => ({ code: unit.code, ...data(unit) })) });
    }
    for (const unit of written.filter((unit) => byCode.has(unit.code))) {
      await tx.unit.update({ where: { code: unit.code }, data: data(unit) });
    }
    await linkUnits(tx, written, options.now);
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
