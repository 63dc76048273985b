import type { PrismaClient } from "@prisma/client";
import { effectiveDueDay } from "../domain/reminders/index.js";
import { isoDate } from "../presentation/format.js";
import type { ListedOccurrence } from "../presentation/task-list.js";
import { loadWorkCalendar } from "./work-calendar.js";

/** An occurrence of a unit as /nhiemvu reads it (done ones too: they are counted, not listed). */
export type UnitOccurrence = ListedOccurrence;

/** The tasks of a unit, as commands see them. */
export interface TaskQueries {
  /** A unit by its code, in any case. */
  findUnitByCode(code: string): Promise<{ id: number; name: string } | null>;
  /**
   * Every occurrence of the unit, by due date then code; the command files and pages them by the
   * shared definition (src/domain/occurrences/standing.ts).
   */
  unitOccurrences(unitId: number): Promise<UnitOccurrence[]>;
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
    unitOccurrences: async (unitId) => {
      const [calendar, rows] = await Promise.all([
        loadWorkCalendar(),
        prisma.occurrence.findMany({
          where: { unitId },
          select: {
            code: true,
            status: true,
            progress: true,
            periodKey: true,
            periodStart: true,
            dueDate: true,
            extendedDue: true,
            task: { select: { title: true, deadline: true } },
          },
          orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { code: "asc" }],
        }),
      ]);
      return rows.map((row) => {
        const date = row.extendedDue ?? row.dueDate;
        const due = date && isoDate(date);
        const dueDay = due && effectiveDueDay(due, calendar);
        return dueDay && dueDay !== due ? { ...row, dueDay } : row;
      });
    },
  };
}
