import type {
  Account,
  Occurrence,
  OccurrenceStatus,
  Prisma,
  PrismaClient,
  Task,
  Unit,
} from "@prisma/client";
import type { ChannelName } from "../core/messages.js";
import { reportStatusLabel, stateAfterReport, type ParsedReport } from "../domain/reports/index.js";
import { formatDate } from "../domain/calendar/format.js";
import { render, t, type Locale } from "../i18n.js";
import { actorOf, audit } from "./audit.js";
import { acceptExtension, type ExtensionOutcome } from "./extensions.js";
import { queueAnsweredReminder, queueReminderReopened } from "./reminder-edit.js";
import { notifySecretariat, type SecretariatRecipient } from "./secretariat.js";

export const UNDO_WINDOW_MS = 10 * 60 * 1000;

export type OccurrenceWithTask = Occurrence & {
  task: Task & { plan: { code: string; title: string } };
  unit: Unit;
};

const occurrenceInclude = {
  task: { include: { plan: { select: { code: true, title: true } } } },
  unit: true,
} as const;

export function findOccurrenceByCode(
  prisma: PrismaClient,
  code: string,
): Promise<OccurrenceWithTask | null> {
  return prisma.occurrence.findUnique({
    where: { code: code.trim().toUpperCase() },
    include: occurrenceInclude,
  });
}

export function findOccurrenceById(
  prisma: PrismaClient,
  id: number,
): Promise<OccurrenceWithTask | null> {
  return prisma.occurrence.findUnique({ where: { id }, include: occurrenceInclude });
}

/**
 * Who may report for an occurrence: an admin, or the head or deputy/focal officer linked to its
 * unit — or to the unit it was merged into (the task keeps its history through a merger).
 */
export function mayReport(
  account: Pick<Account, "role" | "unitId">,
  unit: Pick<Unit, "id" | "mergedIntoId">,
): boolean {
  if (account.role === "admin") return true;
  if (account.role !== "head" && account.role !== "deputy") return false;
  if (account.unitId === null) return false;
  return account.unitId === unit.id || account.unitId === unit.mergedIntoId;
}

export async function auditRefusal(
  prisma: PrismaClient,
  account: Account,
  occurrence: Pick<Occurrence, "code">,
  now: Date,
): Promise<void> {
  await audit(
    prisma,
    {
      actor: actorOf(account),
      action: "report.refused",
      subject: occurrence.code,
      details: { role: account.role, unitId: account.unitId },
    },
    now,
  );
}

export type ReportOutcome =
  | {
      ok: true;
      occurrence: OccurrenceWithTask;
      reportId: number;
      status: OccurrenceStatus;
      progress: number | null;
      /** Difficulties and extension requests: who the notice was queued for, with the report. */
      forwardedTo?: SecretariatRecipient;
      /** Nothing new was written: the same answer to the same message is already recorded. */
      duplicate?: true;
    }
  | { ok: false; reason: "not_found" | "forbidden" };

export interface ReportInput {
  account: Account;
  occurrence: OccurrenceWithTask;
  report: ParsedReport;
  channel: ChannelName;
  messageRef?: string;
  /**
   * The bot's message whose button this report answers (a reminder): on channels that can edit
   * a sent message it is changed, in the report's transaction, to show what was recorded.
   */
  answers?: { chatId: string; messageId: string };
  now: Date;
}

/** Record a status report: the report row, the occurrence's new state, the audit line and, for
 * difficulties and extension requests, the message to the secretariat — in one transaction. */
export async function recordReport(
  prisma: PrismaClient,
  input: ReportInput,
): Promise<ReportOutcome> {
  const { account, occurrence, report, now } = input;
  const actor = actorOf(account);
  if (!mayReport(account, occurrence.unit)) {
    await auditRefusal(prisma, account, occurrence, now);
    return { ok: false, reason: "forbidden" };
  }
  return prisma.$transaction(async (tx) => {
    const current = await tx.occurrence.findUniqueOrThrow({ where: { id: occurrence.id } });
    // A second press of the same button on the same reminder message: already recorded.
    if (input.messageRef !== undefined) {
      const same = await tx.statusReport.findFirst({
        where: {
          occurrenceId: occurrence.id,
          channel: input.channel,
          messageRef: input.messageRef,
          status: report.status,
          undoneAt: null,
        },
        orderBy: { id: "desc" },
      });
      if (same && current.status === report.status) {
        return {
          ok: true as const,
          occurrence,
          reportId: same.id,
          status: current.status,
          progress: current.progress,
          duplicate: true,
        };
      }
    }
    const next = stateAfterReport(current, report, now);
    const progress = next.progress;
    const previous: Prisma.InputJsonValue = {
      status: current.status,
      progress: current.progress,
      note: current.note,
      statusAt: current.statusAt?.toISOString() ?? null,
      doneAt: current.doneAt?.toISOString() ?? null,
    };
    const created = await tx.statusReport.create({
      data: {
        occurrenceId: occurrence.id,
        status: report.status,
        progress,
        note: report.note ?? null,
        proposedDate: report.proposedDate ? new Date(`${report.proposedDate}T00:00:00Z`) : null,
        accountId: account.id,
        channel: input.channel,
        messageRef: input.messageRef ?? null,
        previous,
        createdAt: now,
      },
    });
    await tx.occurrence.update({
      where: { id: occurrence.id },
      data: next,
    });
    await audit(
      tx,
      {
        actor,
        action: "report.recorded",
        subject: occurrence.code,
        details: {
          status: report.status,
          progress,
          note: report.note ?? null,
          proposedDate: report.proposedDate ?? null,
        },
      },
      now,
    );
    let forwardedTo: SecretariatRecipient | undefined;
    if (report.status === "blocked" || report.status === "extension_requested") {
      const delivery = await notifySecretariat(tx, {
        text: t(
          report.status === "blocked"
            ? "reminder.secretariat.blocked"
            : report.note
              ? "reminder.secretariat.extension"
              : "reminder.secretariat.extensionNoNote",
          {
            unit: occurrence.unit.name,
            code: occurrence.code,
            task: occurrence.task.title,
            note: report.note ?? "",
            date: report.proposedDate ? formatDate(report.proposedDate) : "",
            who: account.displayName,
          },
        ),
        purpose: `report:${created.id}`,
        occurrenceId: occurrence.id,
        now,
      });
      forwardedTo = delivery.to;
    }
    if (input.answers) {
      await queueAnsweredReminder(tx, {
        channel: input.channel,
        ...input.answers,
        reportId: created.id,
        occurrenceId: occurrence.id,
        status: report.status,
        progress,
        now,
      });
    }
    return {
      ok: true as const,
      occurrence,
      reportId: created.id,
      status: report.status,
      progress,
      ...(forwardedTo ? { forwardedTo } : {}),
    };
  });
}

export type UndoOutcome =
  | {
      ok: true;
      code: string;
      restored: OccurrenceStatus;
      /** The undone report had been forwarded: who was told that it no longer stands. */
      withdrawnFrom?: SecretariatRecipient;
    }
  | { ok: false; reason: "nothing" | "too_late" | "not_allowed"; code?: string }
  | { ok: false; reason: "superseded"; code: string; by: string };

/**
 * /huy: undo the caller's last report if it is less than 10 minutes old, is still the latest
 * report on that task (the snapshot it restores would otherwise wipe out a colleague's newer
 * report) and the caller may still report on the task (not after being re-linked elsewhere).
 */
export async function undoLastReport(
  prisma: PrismaClient,
  account: Account,
  now: Date,
): Promise<UndoOutcome> {
  const last = await prisma.statusReport.findFirst({
    where: { accountId: account.id, undoneAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { occurrence: { include: { unit: true } } },
  });
  if (!last) return { ok: false, reason: "nothing" };
  const code = last.occurrence.code;
  if (now.getTime() - last.createdAt.getTime() > UNDO_WINDOW_MS)
    return { ok: false, reason: "too_late", code };
  if (!mayReport(account, last.occurrence.unit)) return { ok: false, reason: "not_allowed", code };
  const previous = last.previous as {
    status: OccurrenceStatus;
    progress: number | null;
    note: string | null;
    statusAt: string | null;
    doneAt: string | null;
  };
  return prisma.$transaction(async (tx): Promise<UndoOutcome> => {
    // In the transaction: a report arriving meanwhile is either seen here or comes after.
    const latest = await tx.statusReport.findFirst({
      where: { occurrenceId: last.occurrenceId, undoneAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: { account: { select: { displayName: true } } },
    });
    if (latest && latest.id !== last.id) {
      return { ok: false, reason: "superseded", code, by: latest.account?.displayName ?? "?" };
    }
    await tx.statusReport.update({ where: { id: last.id }, data: { undoneAt: now } });
    await tx.occurrence.update({
      where: { id: last.occurrenceId },
      data: {
        status: previous.status,
        progress: previous.progress,
        note: previous.note,
        statusAt: previous.statusAt ? new Date(previous.statusAt) : null,
        doneAt: previous.doneAt ? new Date(previous.doneAt) : null,
      },
    });
    await audit(
      tx,
      {
        actor: actorOf(account),
        action: "report.undone",
        subject: code,
        details: { reportId: last.id },
      },
      now,
    );
    await queueReminderReopened(tx, last.id, now);
    const forwarded = await tx.outbox.count({ where: { purpose: `report:${last.id}` } });
    if (forwarded === 0) return { ok: true, code, restored: previous.status };
    const delivery = await notifySecretariat(tx, {
      text: t("reminder.secretariat.withdrawn", {
        unit: last.occurrence.unit.name,
        code,
        what: render(reportStatusLabel(last.status)),
        who: account.displayName,
        status: render(reportStatusLabel(previous.status)),
      }),
      purpose: `undo:${last.id}`,
      occurrenceId: last.occurrenceId,
      now,
    });
    return { ok: true, code, restored: previous.status, withdrawnFrom: delivery.to };
  });
}

export interface ExtensionInput {
  account: Account;
  occurrence: OccurrenceWithTask;
  /** YYYY-MM-DD. */
  newDue: string;
  now: Date;
}

/** Finding, recording and undoing reports, as commands see it. */
export interface ReportService {
  findByCode(code: string): Promise<OccurrenceWithTask | null>;
  findById(id: number): Promise<OccurrenceWithTask | null>;
  record(input: ReportInput): Promise<ReportOutcome>;
  undoLast(account: Account, now: Date): Promise<UndoOutcome>;
  /** /giahan; `override`: without a pending request, on the secretariat's own initiative. */
  acceptExtension(
    input: ExtensionInput & { override?: boolean; locale?: Locale },
  ): Promise<ExtensionOutcome>;
  /** Audits a report refused to this account (it may not report for the occurrence's unit). */
  auditRefusal(account: Account, occurrence: Pick<Occurrence, "code">, now: Date): Promise<void>;
}

export function reportService(prisma: PrismaClient): ReportService {
  return {
    findByCode: (code) => findOccurrenceByCode(prisma, code),
    findById: (id) => findOccurrenceById(prisma, id),
    record: (input) => recordReport(prisma, input),
    undoLast: (account, now) => undoLastReport(prisma, account, now),
    acceptExtension: (input) => acceptExtension(prisma, input),
    auditRefusal: (account, occurrence, now) => auditRefusal(prisma, account, occurrence, now),
  };
}
