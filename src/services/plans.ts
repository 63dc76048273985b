import { Prisma, type PrismaClient } from "@prisma/client";
import { localDateOf } from "../domain/calendar/index.js";
import { deadlineSchema } from "../domain/deadline/types.js";
import {
  PlanFileInvalid,
  type ParsedPlan,
  type ParsedTask,
  type PlanFileError,
} from "../domain/plan/types.js";
import { expandAssignees } from "../domain/units/expand.js";
import { t } from "../i18n.js";
import { audit } from "./audit.js";
import { syncOccurrences, planRange } from "./occurrences.js";
import { loadUnits } from "./units.js";

export interface PlanImportSummary {
  plan: { code: string; state: "added" | "changed" | "kept" };
  tasks: { added: string[]; changed: string[]; kept: string[]; notInFile: string[] };
  occurrences: { added: number; updated: number };
}

interface ResolvedTask {
  task: ParsedTask;
  unitCodes: string[];
}

/** Each task's units, or every unknown unit named, located in the file (nothing is written then). */
async function resolveAssignees(
  db: PrismaClient,
  parsed: ParsedPlan,
  file: string,
  today: string,
): Promise<ResolvedTask[]> {
  const units = await loadUnits(db);
  const start = planRange(parsed.plan.period).planStart;
  // A task of a past plan goes to the units that existed when the plan started.
  const asOf = start && start < today ? start : today;
  const errors: PlanFileError[] = [];
  const resolved = parsed.tasks.map((task) => {
    const expansion = expandAssignees(task.assignees, units, { asOf });
    for (const name of expansion.unknown) {
      errors.push({
        file,
        ...(task.line ? { line: task.line } : {}),
        message: t("plans.unknownUnit", { name, ref: task.ref }),
      });
    }
    if (expansion.codes.length === 0 && expansion.unknown.length === 0) {
      errors.push({
        file,
        ...(task.line ? { line: task.line } : {}),
        message: t("plans.noUnits", { ref: task.ref, unit: task.unit }),
      });
    }
    return { task, unitCodes: expansion.codes };
  });
  if (errors.length > 0) throw new PlanFileInvalid(errors);
  return resolved;
}

function taskData(task: ParsedTask, position: number) {
  return {
    position,
    unitText: task.unit,
    title: task.title,
    body: task.body,
    deadlineText: task.deadlineText,
    deadline: task.deadline as unknown as Prisma.InputJsonValue,
    cooperating: task.cooperating,
    reminderPolicy: task.reminderPolicy ?? Prisma.DbNull,
  };
}

function sameTask(
  row: {
    unitText: string;
    title: string;
    body: string;
    deadlineText: string;
    deadline: Prisma.JsonValue;
    cooperating: string[];
    position: number;
    reminderPolicy: Prisma.JsonValue;
  },
  data: ReturnType<typeof taskData>,
  unitCodes: string[],
  currentCodes: string[],
): boolean {
  return (
    row.unitText === data.unitText &&
    row.title === data.title &&
    row.body === data.body &&
    row.deadlineText === data.deadlineText &&
    JSON.stringify(deadlineSchema.parse(row.deadline)) === JSON.stringify(data.deadline) &&
    row.cooperating.join("\n") === data.cooperating.join("\n") &&
    JSON.stringify(row.reminderPolicy ?? null) ===
      JSON.stringify(data.reminderPolicy === Prisma.DbNull ? null : data.reminderPolicy) &&
    row.position === data.position &&
    [...unitCodes].sort().join(",") === [...currentCodes].sort().join(",")
  );
}

/**
 * Import (or re-import) a plan: tasks are matched by (plan code, ref). The same file changes
 * nothing; a corrected file updates tasks and keeps their occurrences and reports. One
 * transaction: a bad file writes nothing.
 */
export async function importPlan(
  prisma: PrismaClient,
  parsed: ParsedPlan,
  options: { file: string; dryRun?: boolean; actor: string; now: Date },
): Promise<PlanImportSummary> {
  const today = localDateOf(options.now);
  const resolved = await resolveAssignees(prisma, parsed, options.file, today);
  const existing = await prisma.plan.findUnique({
    where: { code: parsed.plan.code },
    include: { tasks: { include: { assignments: { include: { unit: true } } } } },
  });
  const summary: PlanImportSummary = {
    plan: { code: parsed.plan.code, state: "added" },
    tasks: { added: [], changed: [], kept: [], notInFile: [] },
    occurrences: { added: 0, updated: 0 },
  };
  const planData = {
    title: parsed.plan.title,
    issuer: parsed.plan.issuer,
    period: parsed.plan.period,
    sourceText: parsed.plan.sourceText ?? existing?.sourceText ?? null,
    reminderPolicy: parsed.plan.reminderPolicy ?? Prisma.DbNull,
  };
  if (existing) {
    const same =
      existing.title === planData.title &&
      existing.issuer === planData.issuer &&
      existing.period === planData.period;
    summary.plan.state = same ? "kept" : "changed";
  }
  const existingTasks = new Map((existing?.tasks ?? []).map((task) => [task.ref, task]));
  resolved.forEach(({ task, unitCodes }, index) => {
    const row = existingTasks.get(task.ref);
    if (!row) summary.tasks.added.push(task.ref);
    else if (
      sameTask(
        row,
        taskData(task, index),
        unitCodes,
        row.assignments.map((a) => a.unit.code),
      )
    )
      summary.tasks.kept.push(task.ref);
    else summary.tasks.changed.push(task.ref);
  });
  const refs = new Set(parsed.tasks.map((task) => task.ref));
  summary.tasks.notInFile = [...existingTasks.keys()].filter((ref) => !refs.has(ref));
  const nothingToWrite =
    summary.plan.state === "kept" &&
    summary.tasks.added.length === 0 &&
    summary.tasks.changed.length === 0;
  if (options.dryRun || nothingToWrite) {
    if (!options.dryRun) summary.occurrences = await syncOccurrences(prisma, { now: options.now });
    return summary;
  }

  await prisma.$transaction(
    async (tx) => {
      const plan = await tx.plan.upsert({
        where: { code: parsed.plan.code },
        create: { code: parsed.plan.code, ...planData },
        update: planData,
      });
      const unitIds = new Map(
        (await tx.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]),
      );
      const taskIds: number[] = [];
      for (const [index, { task, unitCodes }] of resolved.entries()) {
        const data = taskData(task, index);
        const row = await tx.task.upsert({
          where: { planId_ref: { planId: plan.id, ref: task.ref } },
          create: { planId: plan.id, ref: task.ref, ...data },
          update: data,
        });
        taskIds.push(row.id);
        const wanted = unitCodes
          .map((code) => unitIds.get(code))
          .filter((id): id is number => id !== undefined);
        // Units no longer assigned keep their occurrences (and reports): only new ones are added.
        await tx.taskAssignment.createMany({
          data: wanted.map((unitId) => ({ taskId: row.id, unitId })),
          skipDuplicates: true,
        });
      }
      summary.occurrences = await syncOccurrences(tx, { now: options.now, taskIds });
      await audit(
        tx,
        {
          actor: options.actor,
          action: "plan.import",
          subject: parsed.plan.code,
          details: {
            file: options.file,
            added: summary.tasks.added,
            changed: summary.tasks.changed,
          },
        },
        options.now,
      );
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return summary;
}

/** The stored plan in the parsed form, for `vhcv plan export --xlsx`. */
export async function exportPlan(
  prisma: PrismaClient,
  code: string,
): Promise<ParsedPlan | undefined> {
  const plan = await prisma.plan.findUnique({
    where: { code },
    include: {
      tasks: {
        orderBy: { position: "asc" },
        include: { assignments: { include: { unit: true } } },
      },
    },
  });
  if (!plan) return undefined;
  return {
    plan: { code: plan.code, title: plan.title, issuer: plan.issuer, period: plan.period },
    tasks: plan.tasks.map((task) => ({
      ref: task.ref,
      unit: task.unitText,
      assignees: { unitNames: [task.unitText], unitKinds: [] },
      cooperating: task.cooperating,
      title: task.title,
      body: task.body,
      deadlineText: task.deadlineText,
      deadline: deadlineSchema.parse(task.deadline),
    })),
  };
}
