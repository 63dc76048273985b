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

async function overview(prisma: PrismaClient): Promise<PlanOverview[]> {
  const plans = await prisma.plan.findMany({
    orderBy: { id: "asc" },
    include: { _count: { select: { tasks: true } } },
  });
  return Promise.all(
    plans.map(async (plan) => ({
      code: plan.code,
      title: plan.title,
      issuer: plan.issuer,
      tasks: plan._count.tasks,
      open: await prisma.occurrence.count({
        where: { task: { planId: plan.id }, status: { not: "done" } },
      }),
    })),
  );
}

export function planQueries(prisma: PrismaClient): PlanQueries {
  return {
    overview: () => overview(prisma),
    setTaskDeadline: (input) => setTaskDeadline(prisma, input),
  };
}
