import type { OccurrenceStatus, PrismaClient } from "@prisma/client";

/** An open occurrence as /nhiemvu lists it. */
export interface OpenOccurrence {
  code: string;
  status: OccurrenceStatus;
  progress: number | null;
  periodKey: string;
  periodStart: Date;
  dueDate: Date | null;
  extendedDue: Date | null;
  task: { title: string; /** The stored deadline (null: check-ins only). */ deadline: unknown };
}

/** The tasks of a unit, as commands see them. */
export interface TaskQueries {
  /** A unit by its code, in any case. */
  findUnitByCode(code: string): Promise<{ id: number; name: string } | null>;
  /** How many occurrences of the unit are not done, and `limit` of them by due date from `offset`. */
  openOccurrences(
    unitId: number,
    limit: number,
    offset?: number,
  ): Promise<{ total: number; items: OpenOccurrence[] }>;
  /** Codes of the active units, for a caller who may look at any of them. */
  unitCodes(): Promise<string[]>;
}

export function taskQueries(prisma: PrismaClient): TaskQueries {
  return {
    findUnitByCode: (code) =>
      prisma.unit.findFirst({ where: { code: { equals: code, mode: "insensitive" } } }),
    unitCodes: async () =>
      (
        await prisma.unit.findMany({
          where: { active: true },
          select: { code: true },
          orderBy: { code: "asc" },
        })
      ).map((u) => u.code),
    openOccurrences: async (unitId, limit, offset = 0) => {
      const where = { unitId, status: { not: "done" as const } };
      const [total, items] = await Promise.all([
        prisma.occurrence.count({ where }),
        prisma.occurrence.findMany({
          where,
          include: { task: true },
          orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { code: "asc" }],
          skip: offset,
          take: limit,
        }),
      ]);
      return { total, items };
    },
  };
}
