import type { OccurrenceStatus, PrismaClient } from "@prisma/client";

/** An open occurrence as /nhiemvu lists it. */
export interface OpenOccurrence {
  code: string;
  status: OccurrenceStatus;
  progress: number | null;
  periodKey: string;
  dueDate: Date | null;
  extendedDue: Date | null;
  task: { title: string; /** The stored deadline (null: check-ins only). */ deadline: unknown };
}

/** The tasks of a unit, as commands see them. */
export interface TaskQueries {
  /** A unit by its code, in any case. */
  findUnitByCode(code: string): Promise<{ id: number; name: string } | null>;
  /** How many occurrences of the unit are not done, and the first `limit` of them by due date. */
  openOccurrences(
    unitId: number,
    limit: number,
  ): Promise<{ total: number; items: OpenOccurrence[] }>;
}

export function taskQueries(prisma: PrismaClient): TaskQueries {
  return {
    findUnitByCode: (code) =>
      prisma.unit.findFirst({ where: { code: { equals: code, mode: "insensitive" } } }),
    openOccurrences: async (unitId, limit) => {
      const where = { unitId, status: { not: "done" as const } };
      const [total, items] = await Promise.all([
        prisma.occurrence.count({ where }),
        prisma.occurrence.findMany({
          where,
          include: { task: true },
          orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { code: "asc" }],
          take: limit,
        }),
      ]);
      return { total, items };
    },
  };
}
