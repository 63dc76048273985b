import { clockMinutes, dayNumber, instantAt, makeLocalDate } from "../calendar/local-date.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import { DEFAULT_STOP_OVERDUE_AFTER_WORKING_DAYS, type ReminderPolicy } from "./policy.js";

export type ReminderKind = "before" | "due" | "overdue" | "escalation" | "checkin";

export interface PlannedReminder {
  kind: ReminderKind;
  /** The local date (Vietnam) the reminder belongs to; it is sent that day at policy.sendAt. */
  forDate: string;
  /** UTC instant, always inside working time. */
  sendAt: Date;
  /** Working days from the due day (negative before it); 0 for "due" and "checkin". */
  offsetWorkingDays: number;
}

export interface OccurrenceToPlan {
  /** null: an ongoing task ("Thường xuyên"), which gets periodic check-ins instead. */
  due: string | null;
  /** Nothing is planned before this date (the occurrence did not exist yet). */
  periodStart?: string;
  /** Check-ins of an ongoing occurrence stop after this date. */
  periodEnd?: string;
  done: boolean;
  /** An accepted extension: it replaces `due`. */
  extendedDue?: string | null;
}

/** Half-open: reminders with from <= sendAt < to. */
export interface PlanningWindow {
  from: Date;
  to: Date;
}

const KIND_ORDER: readonly ReminderKind[] = ["before", "due", "overdue", "escalation", "checkin"];

/**
 * Every reminder an occurrence should get whose send time falls in the window.
 *
 * The due day is the due date when that is a working day; when the due date is a weekend or a
 * holiday (e.g. "Quý II năm 2024" → Sunday 30/06/2024), it is the last working day before it, and
 * the "due" reminder goes out then. "before" and "overdue" offsets count working days from that
 * due day. Done occurrences get nothing.
 */
export function planReminders(
  occ: OccurrenceToPlan,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  window: PlanningWindow,
): PlannedReminder[] {
  if (occ.done) return [];
  const sendMinutes = clockMinutes(policy.sendAt);
  if (
    sendMinutes < clockMinutes(calendar.hours.start) ||
    sendMinutes >= clockMinutes(calendar.hours.end)
  ) {
    throw new RangeError(
      `policy.sendAt ${policy.sendAt} is outside working hours ${calendar.hours.start}–${calendar.hours.end}`,
    );
  }

  const due = occ.extendedDue ?? occ.due;
  const drafts =
    due === null
      ? checkins(occ, policy, calendar, window)
      : deadlineReminders(due, policy, calendar, window);

  const startDay = occ.periodStart === undefined ? -Infinity : dayNumber(occ.periodStart);
  return drafts
    .filter((d) => dayNumber(d.forDate) >= startDay)
    .map((d) => ({ ...d, sendAt: instantAt(d.forDate, policy.sendAt) }))
    .filter((r) => r.sendAt >= window.from && r.sendAt < window.to)
    .sort(
      (a, b) =>
        a.sendAt.getTime() - b.sendAt.getTime() ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
    );
}

type Draft = Omit<PlannedReminder, "sendAt">;

/** The due day: the due date itself, or the last working day before it. */
export function effectiveDueDay(due: string, calendar: WorkCalendar): string {
  return calendar.isWorkingDay(due) ? due : calendar.addWorkingDays(due, -1);
}

function deadlineReminders(
  due: string,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  window: PlanningWindow,
): Draft[] {
  const dueDay = effectiveDueDay(due, calendar);
  const drafts: Draft[] = [];
  for (const n of new Set(policy.beforeDueWorkingDays)) {
    drafts.push({
      kind: "before",
      forDate: calendar.addWorkingDays(dueDay, -n),
      offsetWorkingDays: -n,
    });
  }
  if (policy.onDueDay) drafts.push({ kind: "due", forDate: dueDay, offsetWorkingDays: 0 });

  const stop = policy.stopOverdueAfterWorkingDays ?? DEFAULT_STOP_OVERDUE_AFTER_WORKING_DAYS;
  const lastOffset = Math.max(stop, policy.escalateAfterWorkingDays);
  const windowEnd = calendar.localDate(window.to);
  let day = dueDay;
  for (let offset = 1; offset <= lastOffset; offset++) {
    day = calendar.addWorkingDays(day, 1);
    if (day > windowEnd) break;
    if (offset % policy.overdueEveryWorkingDays === 0 && offset <= stop) {
      drafts.push({ kind: "overdue", forDate: day, offsetWorkingDays: offset });
    }
    if (offset === policy.escalateAfterWorkingDays) {
      drafts.push({ kind: "escalation", forDate: day, offsetWorkingDays: offset });
    }
  }
  return drafts;
}

/** One check-in on the first working day of each cadence window (Jan/Apr/Jul/Oct by default). */
function checkins(
  occ: OccurrenceToPlan,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  window: PlanningWindow,
): Draft[] {
  const cadence = policy.ongoingCheckinMonths;
  const first = calendar.localDate(window.from);
  const last = calendar.localDate(window.to);
  const endDay = occ.periodEnd === undefined ? Infinity : dayNumber(occ.periodEnd);
  // Months counted from year 0, so that windows are aligned on January whatever the window.
  let month = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1;
  month -= month % cadence;
  const drafts: Draft[] = [];
  for (; ; month += cadence) {
    const windowStart = makeLocalDate(Math.floor(month / 12), (month % 12) + 1, 1);
    if (windowStart > last) break;
    const forDate = calendar.isWorkingDay(windowStart)
      ? windowStart
      : calendar.addWorkingDays(windowStart, 1);
    if (dayNumber(forDate) <= endDay)
      drafts.push({ kind: "checkin", forDate, offsetWorkingDays: 0 });
  }
  return drafts;
}
