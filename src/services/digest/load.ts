import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { occurrenceKind } from "../../domain/occurrences/standing.js";
import type {
  DigestExtension,
  DigestOccurrence,
  DigestReport,
  DigestState,
  DigestUnit,
  StatusSnapshot,
} from "../../domain/digest/types.js";
import { reportStatusSchema } from "../../domain/reports/status.js";
import { isoDate } from "../../presentation/format.js";

/** StatusReport.previous, as recordReport writes it. */
const previousSchema = z.object({
  status: reportStatusSchema,
  progress: z.number().nullable().optional(),
  note: z.string().nullable().optional(),
  doneAt: z.string().nullable().optional(),
});

const extensionDetailsSchema = z.object({
  newDue: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

function snapshot(previous: unknown): StatusSnapshot {
  const parsed = previousSchema.safeParse(previous);
  if (!parsed.success) return { status: "not_started", progress: null, note: null, doneAt: null };
  const p = parsed.data;
  return {
    status: p.status,
    progress: p.progress ?? null,
    note: p.note ?? null,
    doneAt: p.doneAt ? new Date(p.doneAt) : null,
  };
}

const day = (value: Date | null): string | null => (value ? isoDate(value) : null);

/**
 * Everything the digest reads, as plain arrays: units, occurrences with their task, every status
 * report (with the state it replaced) and accepted extensions. A few flat queries, no joins per
 * row, so that 20 000 occurrences load in one pass.
 */
export async function loadDigestState(prisma: PrismaClient): Promise<DigestState> {
  const [units, tasks, occurrences, reports, accounts, extensions] = await Promise.all([
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, parentId: true },
      orderBy: { code: "asc" },
    }),
    prisma.task.findMany({
      select: {
        id: true,
        ref: true,
        title: true,
        deadline: true,
        plan: { select: { code: true } },
      },
    }),
    prisma.occurrence.findMany({
      select: {
        id: true,
        code: true,
        taskId: true,
        unitId: true,
        periodKey: true,
        periodStart: true,
        dueDate: true,
        extendedDue: true,
        status: true,
        progress: true,
        note: true,
        statusAt: true,
        doneAt: true,
      },
      orderBy: { id: "asc" },
    }),
    prisma.statusReport.findMany({
      select: {
        occurrenceId: true,
        status: true,
        progress: true,
        note: true,
        proposedDate: true,
        undoneAt: true,
        previous: true,
        accountId: true,
        channel: true,
        createdAt: true,
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.account.findMany({ select: { id: true, displayName: true } }),
    prisma.auditLog.findMany({
      where: { action: "extension.accepted" },
      select: { at: true, subject: true, details: true },
      orderBy: { at: "asc" },
    }),
  ]);

  const taskById = new Map(
    tasks.map((task) => {
      const kind = occurrenceKind(task.deadline);
      const undated = kind === "undated";
      return [
        task.id,
        {
          ref: task.ref,
          title: task.title,
          planCode: task.plan.code,
          // Ongoing and undated tasks get check-ins and are never late.
          ongoing: kind !== "dated",
          undated,
        },
      ];
    }),
  );
  const names = new Map(accounts.map((a) => [a.id, a.displayName]));
  const reportsOf = new Map<number, DigestReport[]>();
  for (const r of reports) {
    const list = reportsOf.get(r.occurrenceId) ?? [];
    list.push({
      at: r.createdAt,
      status: r.status,
      progress: r.progress,
      note: r.note,
      proposedDate: day(r.proposedDate),
      undoneAt: r.undoneAt,
      previous: snapshot(r.previous),
      by: r.accountId === null ? null : (names.get(r.accountId) ?? null),
      channel: r.channel,
    });
    reportsOf.set(r.occurrenceId, list);
  }
  const extensionsOf = new Map<string, DigestExtension[]>();
  for (const entry of extensions) {
    const details = extensionDetailsSchema.safeParse(entry.details);
    if (!entry.subject || !details.success) continue;
    const list = extensionsOf.get(entry.subject) ?? [];
    list.push({ at: entry.at, newDue: details.data.newDue });
    extensionsOf.set(entry.subject, list);
  }

  const digestUnits: DigestUnit[] = units;
  const digestOccurrences: DigestOccurrence[] = [];
  for (const occ of occurrences) {
    const task = taskById.get(occ.taskId);
    if (!task) continue;
    digestOccurrences.push({
      id: occ.id,
      code: occ.code,
      unitId: occ.unitId,
      planCode: task.planCode,
      taskRef: task.ref,
      taskTitle: task.title,
      ongoing: task.ongoing,
      ...(task.undated ? { undated: true } : {}),
      periodKey: occ.periodKey,
      periodStart: isoDate(occ.periodStart),
      dueDate: day(occ.dueDate),
      extendedDue: day(occ.extendedDue),
      status: occ.status,
      progress: occ.progress,
      note: occ.note,
      statusAt: occ.statusAt,
      doneAt: occ.doneAt,
      reports: reportsOf.get(occ.id) ?? [],
      extensions: extensionsOf.get(occ.code) ?? [],
    });
  }
  return { units: digestUnits, occurrences: digestOccurrences };
}
