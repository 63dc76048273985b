import type { PrismaClient } from "@prisma/client";
import { setTaskDeadline, type SetDeadlineOutcome } from "./plans.js";

/** One line of /kehoach: a plan, how many tasks it has, how many of their occurrences are open. */
export interface PlanOverview {
  code: string;
  title: string;
  issuer: string;
  tasks: number;
  /** Occurrences not done yet. */
  open: number;
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
  /** Every plan, oldest first. */
  overview(): Promise<PlanOverview[]>;
  setTaskDeadline(input: SetDeadlineInput): Promise<SetDeadlineOutcome>;
}

/** One grouped query, however many plans there are (it was one count per plan). */
async function overview(prisma: PrismaClient): Promise<PlanOverview[]> {
  return prisma.$queryRaw<PlanOverview[]>`
    SELECT p."code", p."title", p."issuer",
           COUNT(DISTINCT t."id")::int AS "tasks",
           (COUNT(o."id") FILTER (WHERE o."status" <> 'done'))::int AS "open"
    FROM "Plan" p
    LEFT JOIN "Task" t ON t."planId" = p."id"
    LEFT JOIN "Occurrence" o ON o."taskId" = t."id"
    GROUP BY p."id"
    ORDER BY p."id"`;
}

export function planQueries(prisma: PrismaClient): PlanQueries {
  return {
    overview: () => overview(prisma),
    setTaskDeadline: (input) => setTaskDeadline(prisma, input),
  };
}
