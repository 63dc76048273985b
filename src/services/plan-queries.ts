import type { PrismaClient } from "@prisma/client";
import {
  addToTally,
  emptyTally,
  occurrenceKind,
  type Tally,
} from "../domain/occurrences/standing.js";
import { isoDate } from "../presentation/format.js";
import { setTaskDeadline, type SetDeadlineOutcome } from "./plans.js";

/**
 * One line of /kehoach: a plan, how many tasks it has, and its occurrences counted on the day by
 * the shared definition (src/domain/occurrences/standing.ts).
 */
export interface PlanOverview {
  code: string;
  title: string;
  issuer: string;
  tasks: number;
  tally: Tally;
}

export interface SetDeadlineInput {
  planCode: string;
  ref: string;
  phrase: string;
  actor: string;
  now: Date;
}

/** Plans as commands see them. */
export interface PlanQueries {
  /** Every plan, oldest first, its occurrences counted on `today` ("YYYY-MM-DD"). */
  overview(today: string): Promise<PlanOverview[]>;
  setTaskDeadline(input: SetDeadlineInput): Promise<SetDeadlineOutcome>;
}

/** Three flat queries however many plans there are; the counting is the domain's. */
async function overview(prisma: PrismaClient, today: string): Promise<PlanOverview[]> {
  const [plans, tasks, occurrences] = await Promise.all([
    prisma.plan.findMany({
      select: { id: true, code: true, title: true, issuer: true },
      orderBy: { id: "asc" },
    }),
    prisma.task.findMany({ select: { id: true, planId: true, deadline: true } }),
    prisma.occurrence.findMany({
      select: { taskId: true, periodStart: true, dueDate: true, extendedDue: true, status: true },
    }),
  ]);
  const taskById = new Map(
    tasks.map((task) => [task.id, { planId: task.planId, kind: occurrenceKind(task.deadline) }]),
  );
  const lines = new Map(
    plans.map((plan) => [
      plan.id,
      { code: plan.code, title: plan.title, issuer: plan.issuer, tasks: 0, tally: emptyTally() },
    ]),
  );
  for (const task of tasks) {
    const line = lines.get(task.planId);
    if (line) line.tasks += 1;
  }
  for (const occ of occurrences) {
    const task = taskById.get(occ.taskId);
    const line = task && lines.get(task.planId);
    if (!task || !line) continue;
    addToTally(
      line.tally,
      {
        kind: task.kind,
        periodStart: isoDate(occ.periodStart),
        dueDate: occ.dueDate && isoDate(occ.dueDate),
        extendedDue: occ.extendedDue && isoDate(occ.extendedDue),
        status: occ.status,
      },
      today,
    );
  }
  return [...lines.values()];
}

export function planQueries(prisma: PrismaClient): PlanQueries {
  return {
    overview: (today) => overview(prisma, today),
    setTaskDeadline: (input) => setTaskDeadline(prisma, input),
  };
}
