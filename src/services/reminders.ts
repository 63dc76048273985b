import type { Account, Prisma, PrismaClient } from "@prisma/client";
import { capabilitiesOf } from "../channels/capabilities.js";
import { encodeButtonData, type ReportChoice } from "../core/button-data.js";
import type { ChannelCapabilities } from "../core/channel-capabilities.js";
import type { Button } from "../core/messages.js";
import { localDateOf, type WorkCalendar } from "../domain/calendar/index.js";
import {
  DEFAULT_REMINDER_POLICY,
  dueReminders,
  effectiveDueDay,
  mergePolicy,
  planReminders,
  type OccurrenceToPlan,
  type PlannedReminder,
} from "../domain/reminders/index.js";
import { describePeriod } from "../domain/deadline/describe-period.js";
import { dueShown, occurrenceKind } from "../domain/occurrences/standing.js";
import { reportProgressLabel } from "../domain/reports/index.js";
import { render, t, type Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import { formatDateLong, formatDaysLeft, isoDate } from "../presentation/format.js";
import { escalationSummary, noHeadSummary } from "../presentation/secretariat-summary.js";
import { enqueue } from "./outbox.js";
import { notifySecretariat } from "./secretariat.js";
import type { OccurrenceWithTask } from "./reports.js";

/** How far back a tick looks for reminders it has not handled (downtime catch-up). */
const LOOKBACK_MS = 45 * 24 * 3_600_000;

export interface ReminderDeps {
  prisma: PrismaClient;
  calendar: WorkCalendar;
  logger: Logger;
  locale?: Locale;
}

export interface ReminderTickResult {
  queued: number;
  skipped: number;
  messages: number;
}

/** The reminder's answer buttons (their data by the one button codec, src/core/button-data.ts). */
export function reportButtons(occurrenceId: number, locale?: Locale): Button[][] {
  const b = (choice: ReportChoice): Button => ({
    label: t(`reminder.buttons.${choice}`, {}, locale),
    data: encodeButtonData({ kind: "report", occurrenceId, choice }),
  });
  return [
    [b("done"), b("progress")],
    [b("blocked"), b("extension")],
  ];
}

/**
 * A task with no deadline to chase: ongoing ("Thường xuyên") or without a calendar date yet
 * (deadline null, "Theo kế hoạch riêng"). Unreadable stored values count as dated.
 */
export function checkinOnly(deadline: unknown): { checkin: boolean; undated: boolean } {
  const kind = occurrenceKind(deadline);
  return { checkin: kind !== "dated", undated: kind === "undated" };
}

/**
 * What the planner needs of an occurrence. An ongoing task ("Thường xuyên") or an undated one
 * has no deadline to chase: its period gets one check-in, not before/overdue reminders. Monthly,
 * quarterly and "several" deadlines are dated: each occurrence is reminded like any dated task.
 */
export function planningInput(occ: {
  task: { deadline: unknown };
  dueDate: Date | null;
  extendedDue: Date | null;
  periodStart: Date;
}): OccurrenceToPlan {
  const kind = checkinOnly(occ.task.deadline);
  // An undated task with an accepted extension date is chased to that date.
  if (kind.undated && occ.extendedDue) {
    return { due: isoDate(occ.extendedDue), periodStart: isoDate(occ.periodStart), done: false };
  }
  if (kind.checkin) {
    return {
      due: null,
      periodStart: isoDate(occ.periodStart),
      ...(occ.dueDate ? { periodEnd: isoDate(occ.dueDate) } : {}),
      done: false,
    };
  }
  return {
    due: occ.dueDate ? isoDate(occ.dueDate) : null,
    periodStart: isoDate(occ.periodStart),
    done: false,
    extendedDue: occ.extendedDue ? isoDate(occ.extendedDue) : null,
  };
}

function dueOf(occ: OccurrenceWithTask): string | null {
  const due = occ.extendedDue ?? occ.dueDate;
  return due ? isoDate(due) : null;
}

/** How the recipient's channel lets them answer: buttons and replies, or typed text only. */
export type AnswerWays = Pick<ChannelCapabilities, "buttons" | "replyTo">;

const BUTTONS_AND_REPLIES: AnswerWays = { buttons: true, replyTo: true };

/**
 * "Thứ Sáu, ngày 28/06/2024 (hạn gốc: Chủ nhật, ngày 30/06/2024, ngày nghỉ)" while the due day
 * moved off a day off is still ahead; the date itself otherwise.
 */
function dueText(due: string, shown: { date: string; moved: boolean }, locale?: Locale): string {
  if (!shown.moved) return formatDateLong(shown.date, locale);
  return t(
    "reminder.dueMoved",
    { day: formatDateLong(shown.date, locale), original: formatDateLong(due, locale) },
    locale,
  );
}

export function reminderText(
  occ: OccurrenceWithTask,
  reminder: Pick<PlannedReminder, "kind" | "offsetWorkingDays">,
  today: string,
  calendar: WorkCalendar,
  locale?: Locale,
  answer: AnswerWays = BUTTONS_AND_REPLIES,
): string {
  const undated = checkinOnly(occ.task.deadline).undated && occ.extendedDue === null;
  // An undated task's period end is a check-in window, not a due date.
  const due = undated ? null : dueOf(occ);
  // A date on a weekend or holiday is due on the working day before it: "hôm nay là hạn" is said
  // that day, beside that day's date. Lateness still counts from the plan's date.
  const shown = due ? dueShown(today, due, effectiveDueDay(due, calendar)) : null;
  const noDue = t(undated ? "format.undated" : "format.noDue", {}, locale);
  const left = shown ? formatDaysLeft(today, shown.date, locale) : noDue;
  const headline = t(
    undated && reminder.kind === "checkin"
      ? "reminder.headline.checkinUndated"
      : `reminder.headline.${reminder.kind}`,
    {
      code: occ.code,
      left,
      period: render(
        describePeriod(
          occ.periodKey,
          isoDate(occ.periodStart),
          occ.dueDate && isoDate(occ.dueDate),
        ),
        locale,
      ),
      unit: occ.unit.name,
      days: Math.max(0, reminder.offsetWorkingDays),
    },
    locale,
  );
  const body = t(
    "reminder.body",
    {
      task: occ.task.title,
      plan: occ.task.plan.title,
      unit: occ.unit.name,
      due: due && shown ? dueText(due, shown, locale) : noDue,
      status: render(reportProgressLabel(occ.status, occ.progress), locale),
    },
    locale,
  );
  if (reminder.kind === "escalation") return `${headline}\n${body}`;
  // Only the ways the recipient's channel has: no "press a button" where there are none.
  const how =
    answer.buttons && answer.replyTo ? "reminder.howToAnswer" : "reminder.howToAnswerTyped";
  return `${headline}\n${body}\n\n${t(how, { code: occ.code }, locale)}`;
}

/** Heads and deputies (focal officers) linked to the unit, or to the unit it was merged into. */
export async function recipientsFor(
  prisma: PrismaClient | Prisma.TransactionClient,
  occ: Pick<OccurrenceWithTask, "unitId" | "unit">,
): Promise<Account[]> {
  const unitIds = [occ.unitId, ...(occ.unit.mergedIntoId ? [occ.unit.mergedIntoId] : [])];
  return prisma.account.findMany({
    where: {
      unitId: { in: unitIds },
      role: { in: ["head", "deputy"] },
      privateChatId: { not: null },
    },
    orderBy: { id: "asc" },
  });
}

/**
 * One tick of reminders at `at`: decide from the database what is due, and for each due reminder
 * write the Reminder row and its outbox messages in one transaction. Reminders only Sở Nội vụ
 * hears of (escalations, units with nobody linked) are written together at the end, with one
 * notice per kind. The unique key (occurrence, kind, date) makes a second tick, a restart or a
 * second replica a no-op.
 */
export async function runReminders(deps: ReminderDeps, at: Date): Promise<ReminderTickResult> {
  const { prisma, calendar, logger } = deps;
  const today = localDateOf(at);
  const occurrences = await prisma.occurrence.findMany({
    where: { status: { not: "done" } },
    include: {
      task: { include: { plan: { select: { code: true, title: true, reminderPolicy: true } } } },
      unit: true,
      reminders: { select: { kind: true, forDate: true } },
    },
    orderBy: { id: "asc" },
  });
  const result: ReminderTickResult = { queued: 0, skipped: 0, messages: 0 };
  const forSecretariat: SecretariatReminder[] = [];
  const window = { from: new Date(at.getTime() - LOOKBACK_MS), to: new Date(at.getTime() + 1) };

  for (const occ of occurrences) {
    if (occ.periodStart.getTime() > at.getTime() + 24 * 3_600_000) continue; // a future period
    const policy = mergePolicy(
      DEFAULT_REMINDER_POLICY,
      occ.task.plan.reminderPolicy ?? undefined,
      occ.task.reminderPolicy ?? undefined,
    );
    const done = new Set(occ.reminders.map((r) => `${r.kind}:${isoDate(r.forDate)}`));
    const input = planningInput(occ);
    // Far from its due date nothing can be due yet (before-due reminders are days, not months, ahead).
    const lead = (Math.max(0, ...policy.beforeDueWorkingDays) * 2 + 14) * 24 * 3_600_000;
    const due = input.extendedDue ?? input.due;
    if (due && Date.parse(`${due}T00:00:00Z`) - at.getTime() > lead) continue;
    const planned = planReminders(input, policy, calendar, window).filter(
      (r) => !done.has(`${r.kind}:${r.forDate}`),
    );
    if (planned.length === 0) continue;
    const { send, stale } = dueReminders(planned, at, {
      calendar,
      occurrenceKey: () => String(occ.id),
    });

    for (const reminder of stale) {
      await prisma.reminder.createMany({
        data: [
          {
            occurrenceId: occ.id,
            kind: reminder.kind,
            forDate: new Date(`${reminder.forDate}T00:00:00Z`),
            scheduledFor: reminder.sendAt,
            state: "skipped",
          },
        ],
        skipDuplicates: true,
      });
      logger.info(
        {
          occurrence: occ.code,
          kind: reminder.kind,
          forDate: reminder.forDate,
          reason: reminder.staleReason,
        },
        "stale reminder skipped after downtime",
      );
      result.skipped += 1;
    }
    if (send.length === 0) continue;
    const recipients = await recipientsFor(prisma, occ);
    for (const reminder of send) {
      // For Sở Nội vụ only (an escalation, or a unit nobody can be reminded in): gathered, then
      // written with one notice per kind at the end of the tick (claim 5).
      if (reminder.kind === "escalation" || recipients.length === 0) {
        forSecretariat.push({ occ, reminder });
        continue;
      }
      const messages = await prisma.$transaction(async (tx) => {
        const created = await tx.reminder.createManyAndReturn({
          data: [
            {
              occurrenceId: occ.id,
              kind: reminder.kind,
              forDate: new Date(`${reminder.forDate}T00:00:00Z`),
              scheduledFor: reminder.sendAt,
              state: "queued",
            },
          ],
          skipDuplicates: true,
          select: { id: true },
        });
        const row = created[0];
        if (!row) return 0; // another tick or replica got there first
        return queueReminderMessages(tx, {
          occ,
          reminder,
          reminderId: row.id,
          recipients,
          today,
          at,
          locale: deps.locale,
          calendar,
        });
      });
      if (messages > 0) result.queued += 1;
      result.messages += messages;
    }
  }
  const notices = await queueSecretariatNotices(prisma, forSecretariat, {
    at,
    today,
    locale: deps.locale,
    calendar,
  });
  result.queued += notices.reminders;
  result.messages += notices.messages;
  return result;
}

interface SecretariatReminder {
  occ: OccurrenceWithTask;
  reminder: PlannedReminder;
}

/**
 * The tick's reminders that only Sở Nội vụ hears of, in ONE transaction: their Reminder rows
 * and one notice per kind — the units nobody could be reminded in, the tasks escalated — each
 * with its list. A lone reminder keeps its own full message. Rows another tick wrote are
 * skipped and left out of the notices.
 */
async function queueSecretariatNotices(
  prisma: PrismaClient,
  items: SecretariatReminder[],
  context: { at: Date; today: string; locale: Locale | undefined; calendar: WorkCalendar },
): Promise<{ reminders: number; messages: number }> {
  if (items.length === 0) return { reminders: 0, messages: 0 };
  const { at, today, locale, calendar } = context;
  const keyOf = (occurrenceId: number, kind: string, forDate: string) =>
    `${occurrenceId}|${kind}|${forDate}`;
  return prisma.$transaction(async (tx) => {
    const created = await tx.reminder.createManyAndReturn({
      data: items.map(({ occ, reminder }) => ({
        occurrenceId: occ.id,
        kind: reminder.kind,
        forDate: new Date(`${reminder.forDate}T00:00:00Z`),
        scheduledFor: reminder.sendAt,
        state: "queued" as const,
      })),
      skipDuplicates: true,
      select: { id: true, occurrenceId: true, kind: true, forDate: true },
    });
    const ids = new Map(
      created.map((row) => [keyOf(row.occurrenceId, row.kind, isoDate(row.forDate)), row.id]),
    );
    const fresh = items.flatMap((item) => {
      const id = ids.get(keyOf(item.occ.id, item.reminder.kind, item.reminder.forDate));
      return id === undefined ? [] : [{ ...item, reminderId: id }];
    });
    const escalations = fresh.filter((item) => item.reminder.kind === "escalation");
    const noHead = fresh.filter((item) => item.reminder.kind !== "escalation");
    let messages = 0;
    const notify = async (text: string, purpose: string, occurrenceId?: number) => {
      const delivery = await notifySecretariat(tx, {
        text,
        purpose,
        now: at,
        ...(occurrenceId ? { occurrenceId } : {}),
      });
      messages += delivery.queued;
    };
    const [escalation] = escalations;
    if (escalations.length === 1 && escalation) {
      const { occ, reminder, reminderId } = escalation;
      const text = reminderText(occ, reminder, today, calendar, locale);
      await notify(text, `reminder:${reminderId}`, occ.id);
    } else if (escalations.length > 1) {
      const list = escalations.map(({ occ, reminder }) => ({
        code: occ.code,
        unit: occ.unit.name,
        task: occ.task.title,
        days: Math.max(0, reminder.offsetWorkingDays),
      }));
      await notify(escalationSummary(list, locale), `secretariat:escalations:${at.toISOString()}`);
    }
    const [lone] = noHead;
    if (noHead.length === 1 && lone) {
      const { occ } = lone;
      const text = t(
        "reminder.secretariat.noRecipient",
        { code: occ.code, unit: occ.unit.name, unitCode: occ.unit.code },
        locale,
      );
      await notify(text, `reminder:${lone.reminderId}`, occ.id);
    } else if (noHead.length > 1) {
      const list = noHead.map(({ occ }) => ({ unit: occ.unit, code: occ.code }));
      await notify(noHeadSummary(list, locale), `secretariat:no-head:${at.toISOString()}`);
    }
    return { reminders: fresh.length, messages };
  });
}

async function queueReminderMessages(
  tx: Prisma.TransactionClient,
  input: {
    occ: OccurrenceWithTask;
    reminder: PlannedReminder;
    reminderId: number;
    recipients: Account[];
    today: string;
    at: Date;
    locale: Locale | undefined;
    calendar: WorkCalendar;
  },
): Promise<number> {
  const { occ, reminder, reminderId, today, at, locale, calendar } = input;
  const purpose = `reminder:${reminderId}`;
  let count = 0;
  for (const account of input.recipients) {
    if (!account.privateChatId) continue;
    const capabilities = capabilitiesOf(account.channel);
    const id = await enqueue(
      tx,
      {
        channel: account.channel,
        chatId: account.privateChatId,
        payload: {
          text: reminderText(occ, reminder, today, calendar, locale, capabilities),
          ...(capabilities.buttons ? { buttons: reportButtons(occ.id, locale) } : {}),
        },
        purpose,
        occurrenceId: occ.id,
        dedupeKey: `${purpose}:${account.id}`,
      },
      at,
    );
    if (id !== undefined) count += 1;
  }
  return count;
}
