import { Prisma, type PrismaClient } from "@prisma/client";
import { localDateOf } from "../domain/calendar/index.js";
import { exampleDates } from "../domain/calendar/examples.js";
import { deadlineSchema, storedDeadlineSchema } from "../domain/deadline/types.js";
import { parseDeadline } from "../domain/deadline/parse.js";
import { occurrencePeriods } from "../domain/deadline/periods.js";
import type { Deadline, DeadlineErrorCode } from "../domain/deadline/types.js";
import {
  PlanFileInvalid,
  type ParsedPlan,
  type ParsedTask,
  type PlanFileError,
  type UnitKind,
} from "../domain/plan/types.js";
import { deadlineErrorMessage, describeDeadline } from "../domain/deadline/describe.js";
import { message } from "../core/message-key.js";
import { render, t, type Locale } from "../i18n.js";
import { audit } from "./audit.js";
import { syncOccurrences, planRange } from "./occurrences.js";
import {
  resolvePlanUnits,
  type ResolvedTask,
  type UnitMapping,
  type UnitResolution,
  type UnresolvedUnit,
} from "./plan-import-units.js";
import { loadUnits } from "./units.js";

export interface PlanImportSummary {
  plan: { code: string; state: "added" | "changed" | "kept" };
  tasks: { added: string[]; changed: string[]; kept: string[]; notInFile: string[] };
  occurrences: { added: number; updated: number };
  units: {
    /** Registered by this import (`createUnits`), or that would be on a dry run. */
    created: { code: string; name: string; kind: UnitKind }[];
    /** Names that match no unit: a dry run lists them, an import refuses. */
    unresolved: UnresolvedUnit[];
  };
}

/** Some unit names of the plan match no registered unit: nothing is written. */
export class UnitsUnresolved extends Error {
  constructor(
    readonly file: string,
    readonly unresolved: UnresolvedUnit[],
  ) {
    super(`${file}: ${unresolved.map((u) => u.name).join(", ")}`);
    this.name = "UnitsUnresolved";
  }
}

export interface PlanImportOptions {
  file: string;
  dryRun?: boolean;
  actor: string;
  now: Date;
  /** Register the units the plan names that are not in the list (code and kind from the name). */
  createUnits?: boolean;
  /** Written names → registered unit codes. */
  mappings?: readonly UnitMapping[];
  /** Runs first inside the import's transaction; throwing aborts the import (e.g. claiming a pending chat import). */
  claim?: (tx: Prisma.TransactionClient) => Promise<void>;
  /** Runs inside the import's transaction, after the import (e.g. the chat's confirmation). */
  inTransaction?: (tx: Prisma.TransactionClient, summary: PlanImportSummary) => Promise<void>;
}

/** Each task's units (see plan-import-units); a mapping to a code no unit has is a file error. */
async function resolveAssignees(
  db: PrismaClient,
  parsed: ParsedPlan,
  options: PlanImportOptions,
  today: string,
): Promise<UnitResolution> {
  const units = await loadUnits(db);
  const start = planRange(parsed.plan.period).planStart;
  // A task of a past plan goes to the units that existed when the plan started.
  const asOf = start && start < today ? start : today;
  const resolution = resolvePlanUnits(parsed, units, {
    asOf,
    today,
    createUnits: options.createUnits ?? false,
    mappings: options.mappings ?? [],
  });
  if (resolution.badMappings.length > 0) {
    throw new PlanFileInvalid(
      resolution.badMappings.map((m): PlanFileError => ({
        file: options.file,
        message: message("planImport.badMapping", { name: m.name, code: m.code }),
      })),
    );
  }
  return resolution;
}

/**
 * A task the file leaves without a date keeps the date stored for it (set later by an admin with
 * `vhcv plan deadline` or /dathan): re-importing the same file must not undo it.
 */
function keepDatesSetLater(
  tasks: ResolvedTask[],
  existing: { tasks: { ref: string; deadline: Prisma.JsonValue; deadlineText: string }[] } | null,
): ResolvedTask[] {
  if (!existing) return tasks;
  const rows = new Map(existing.tasks.map((row) => [row.ref, row]));
  return tasks.map((resolved) => {
    const row = rows.get(resolved.task.ref);
    if (resolved.task.deadline !== null || !row) return resolved;
    const stored = deadlineSchema.nullable().safeParse(row.deadline);
    if (!stored.success || stored.data === null) return resolved;
    const { warning: _warning, ...task } = resolved.task;
    return {
      ...resolved,
      task: { ...task, deadline: stored.data, deadlineText: row.deadlineText },
    };
  });
}

function taskData(task: ParsedTask, position: number) {
  return {
    position,
    unitText: task.unit,
    title: task.title,
    body: task.body,
    deadlineText: task.deadlineText,
    // null: a task without a calendar date (stored as SQL NULL, check-ins only).
    deadline:
      task.deadline === null ? Prisma.DbNull : (task.deadline as unknown as Prisma.InputJsonValue),
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
    JSON.stringify(storedDeadlineSchema.parse(row.deadline)) ===
      JSON.stringify(data.deadline === Prisma.DbNull ? null : data.deadline) &&
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
  options: PlanImportOptions,
): Promise<PlanImportSummary> {
  const today = localDateOf(options.now);
  const resolution = await resolveAssignees(prisma, parsed, options, today);
  if (!options.dryRun && resolution.unresolved.length > 0)
    throw new UnitsUnresolved(options.file, resolution.unresolved);
  const existing = await prisma.plan.findUnique({
    where: { code: parsed.plan.code },
    include: { tasks: { include: { assignments: { include: { unit: true } } } } },
  });
  const summary: PlanImportSummary = {
    plan: { code: parsed.plan.code, state: "added" },
    tasks: { added: [], changed: [], kept: [], notInFile: [] },
    occurrences: { added: 0, updated: 0 },
    units: {
      created: resolution.toCreate.map(({ code, name, kind }) => ({ code, name, kind })),
      unresolved: resolution.unresolved,
    },
  };
  const resolved = keepDatesSetLater(resolution.tasks, existing);
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
    summary.tasks.changed.length === 0 &&
    resolution.toCreate.length === 0 &&
    !options.inTransaction &&
    !options.claim;
  if (options.dryRun || nothingToWrite) {
    if (!options.dryRun) summary.occurrences = await syncOccurrences(prisma, { now: options.now });
    return summary;
  }

  await prisma.$transaction(
    async (tx) => {
      if (options.claim) await options.claim(tx);
      for (const unit of resolution.toCreate) {
        await tx.unit.create({
          data: {
            code: unit.code,
            name: unit.name,
            kind: unit.kind,
            aliases: [],
            active: true,
            establishedAt: unit.establishedAt ? new Date(`${unit.establishedAt}T00:00:00Z`) : null,
          },
        });
      }
      if (resolution.toCreate.length > 0) {
        await audit(
          tx,
          {
            actor: options.actor,
            action: "units.create",
            subject: parsed.plan.code,
            details: { file: options.file, created: summary.units.created },
          },
          options.now,
        );
      }
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
      if (options.inTransaction) await options.inTransaction(tx, summary);
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
      deadline: storedDeadlineSchema.parse(task.deadline),
    })),
    warnings: [],
  };
}

export type SetDeadlineOutcome =
  | { ok: true; planCode: string; ref: string; deadline: Deadline; deadlineText: string }
  | { ok: false; reason: "plan_not_found" | "task_not_found" }
  | { ok: false; reason: "bad_phrase"; error: DeadlineErrorCode }
  | { ok: false; reason: "undated" };

/** The task of a plan by its ref, written in any case ("iv.1.b" finds "IV.1.b"). */
async function findTaskByRef(prisma: PrismaClient, planCode: string, ref: string) {
  const plan = await prisma.plan.findUnique({
    where: { code: planCode },
    include: { tasks: { select: { id: true, ref: true, deadlineText: true, deadline: true } } },
  });
  if (!plan) return { plan: undefined, task: undefined };
  const wanted = ref.trim().toLowerCase();
  return { plan, task: plan.tasks.find((task) => task.ref.toLowerCase() === wanted) };
}

/**
 * Give a task its date later (for a task the plan left undated, or to correct one): the phrase
 * is read like a plan's ("Quý III năm 2026", "trước ngày 15/11 hằng năm"); the task's occurrences
 * follow; audit-logged. The CLI (`vhcv plan deadline`) and the admin chat command use this.
 */
export async function setTaskDeadline(
  prisma: PrismaClient,
  input: { planCode: string; ref: string; phrase: string; actor: string; now: Date },
): Promise<SetDeadlineOutcome> {
  const { plan, task } = await findTaskByRef(prisma, input.planCode, input.ref);
  if (!plan) return { ok: false, reason: "plan_not_found" };
  if (!task) return { ok: false, reason: "task_not_found" };
  const parsed = parseDeadline(input.phrase);
  if (!parsed.ok) return { ok: false, reason: "bad_phrase", error: parsed.error };
  if (parsed.deadline === null) return { ok: false, reason: "undated" };
  const deadline = parsed.deadline;
  const deadlineText = input.phrase.trim();
  await prisma.$transaction(async (tx) => {
    await tx.task.update({
      where: { id: task.id },
      data: { deadline: deadline as unknown as Prisma.InputJsonValue, deadlineText },
    });
    await syncOccurrences(tx, { now: input.now, taskIds: [task.id] });
    if (task.deadline === null) {
      // The undated task's check-ins nobody answered no longer apply: it has a date now.
      const periods = occurrencePeriods(deadline, {
        today: localDateOf(input.now),
        ...planRange(plan.period),
      });
      await tx.occurrence.deleteMany({
        where: {
          taskId: task.id,
          periodKey: { notIn: periods.map((period) => period.key) },
          reports: { none: {} },
        },
      });
    }
    await audit(
      tx,
      {
        actor: input.actor,
        action: "plan.deadline",
        subject: `${plan.code}/${task.ref}`,
        details: {
          from: task.deadlineText,
          to: deadlineText,
          deadline: deadline as unknown as Prisma.InputJsonValue,
        },
      },
      input.now,
    );
  });
  return { ok: true, planCode: plan.code, ref: task.ref, deadline, deadlineText };
}

/** What to tell the admin after `setTaskDeadline` (CLI and chat say the same). */
export function setDeadlineMessage(
  outcome: SetDeadlineOutcome,
  input: { planCode: string; ref: string; phrase: string; today: string },
  locale?: Locale,
): string {
  if (outcome.ok)
    return t(
      "planImport.deadlineSet",
      {
        ref: outcome.ref,
        code: outcome.planCode,
        due: render(describeDeadline(outcome.deadline), locale),
        text: outcome.deadlineText,
      },
      locale,
    );
  switch (outcome.reason) {
    case "plan_not_found":
      return t("planImport.planNotFound", { code: input.planCode }, locale);
    case "task_not_found":
      return t("planImport.taskNotFound", { code: input.planCode, ref: input.ref }, locale);
    case "undated":
      return t(
        "planImport.phraseUndated",
        { text: input.phrase, ...exampleDates(input.today) },
        locale,
      );
    case "bad_phrase":
      return `${t("planImport.badPhrase", { text: input.phrase }, locale)} ${render(deadlineErrorMessage(outcome.error), locale)}`;
  }
}
