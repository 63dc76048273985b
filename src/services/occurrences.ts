import type { Prisma } from "@prisma/client";
import { type PrismaClient } from "@prisma/client";
import { utcTimestamp } from "../db/sql-time.js";
import { localDateOf } from "../domain/calendar/index.js";
import { storedDeadlineSchema } from "../domain/deadline/types.js";
import { occurrencePeriods } from "../domain/deadline/periods.js";
import { foldForCode } from "./codes.js";

type Db = PrismaClient | Prisma.TransactionClient;

/** "2024 - 2025" → the plan's first and last day; null when the period names no years. */
export function planRange(period: string | null): { planStart?: string; planEnd?: string } {
  const years = [...(period ?? "").matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  if (years.length === 0) return {};
  return { planStart: `${Math.min(...years)}-01-01`, planEnd: `${Math.max(...years)}-12-31` };
}

/** "IV.3.a" → "3A", "IV.1.đ" → "1DD": what people type after /baocao. */
export function shortRef(ref: string): string {
  const parts = ref.split(".").filter(Boolean);
  const tail = parts.length >= 2 ? parts.slice(-2) : parts;
  return foldForCode(tail.join("")).slice(0, 12) || "T";
}

/** Occurrence code: unit, task, and period when there are several ("STP-3A", "STP-3G-2024"). */
export function occurrenceCode(unitCode: string, ref: string, periodKey: string): string {
  const period = periodKey === "once" ? "" : `-${foldForCode(periodKey)}`;
  return `${foldForCode(unitCode)}-${shortRef(ref)}${period}`;
}

export interface SyncResult {
  added: number;
  updated: number;
}

/**
 * Make sure every task × assigned unit × period up to today has its occurrence, each with its
 * own due date; a corrected deadline moves the due date and keeps status and reports.
 * Recurring, ongoing and undated tasks gain a period as the years, quarters and months come
 * (run daily by the tick).
 */
export async function syncOccurrences(
  db: Db,
  options: { now: Date; taskIds?: number[] },
): Promise<SyncResult> {
  const today = localDateOf(options.now);
  const tasks = await db.task.findMany({
    where: options.taskIds ? { id: { in: options.taskIds } } : {},
    include: { plan: true, assignments: { include: { unit: true } }, occurrences: true },
  });
  const taken = new Set(
    (await db.occurrence.findMany({ select: { code: true } })).map((o) => o.code),
  );
  const result: SyncResult = { added: 0, updated: 0 };
  const fresh: FreshOccurrence[] = [];
  for (const task of tasks) {
    // null (no calendar date): check-in windows like an ongoing task.
    const deadline = storedDeadlineSchema.parse(task.deadline);
    const periods = occurrencePeriods(deadline, { today, ...planRange(task.plan.period) });
    const existing = new Map(task.occurrences.map((o) => [`${o.unitId}:${o.periodKey}`, o]));
    for (const assignment of task.assignments) {
      for (const period of periods) {
        const due = period.due ? new Date(`${period.due}T00:00:00Z`) : null;
        const current = existing.get(`${assignment.unitId}:${period.key}`);
        if (current) {
          if ((current.dueDate?.getTime() ?? null) !== (due?.getTime() ?? null)) {
            await db.occurrence.update({ where: { id: current.id }, data: { dueDate: due } });
            result.updated += 1;
          }
          continue;
        }
        let code = occurrenceCode(assignment.unit.code, task.ref, period.key);
        if (taken.has(code)) code = `${code}-K${task.planId}`;
        for (let n = 2; taken.has(code); n += 1) code = `${code.replace(/-\d+$/, "")}-${n}`;
        taken.add(code);
        fresh.push({
          code,
          taskId: task.id,
          unitId: assignment.unitId,
          periodKey: period.key,
          periodStart: period.start,
          dueDate: period.due ?? null,
        });
      }
    }
  }
  result.added = await insertOccurrences(db, fresh, options.now);
  return result;
}

interface FreshOccurrence {
  code: string;
  taskId: number;
  unitId: number;
  periodKey: string;
  /** yyyy-mm-dd */
  periodStart: string;
  dueDate: string | null;
}

/**
 * One INSERT of column arrays for all new occurrences: a plan's first import adds a thousand
 * or more, and createMany spends longer preparing them than the database takes to store them.
 */
async function insertOccurrences(db: Db, rows: FreshOccurrence[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <K extends keyof FreshOccurrence>(key: K) => rows.map((row) => row[key]);
  return db.$executeRaw`
    INSERT INTO "Occurrence" ("code", "taskId", "unitId", "periodKey", "periodStart", "dueDate",
                              "createdAt", "updatedAt")
    SELECT fresh.*, ${utcTimestamp(now)}, ${utcTimestamp(now)}
    FROM unnest(${column("code")}::text[], ${column("taskId")}::int[], ${column("unitId")}::int[],
                ${column("periodKey")}::text[], ${column("periodStart")}::date[],
                ${column("dueDate")}::date[]) AS fresh
    ON CONFLICT DO NOTHING`;
}
