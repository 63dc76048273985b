import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { PlannedReminder } from "./plan.js";

/**
 * due_passed: a "before" reminder on or after its due day, or a "due" reminder after its day —
 *   its wording would be wrong (the next kind of reminder takes over);
 * too_old: more than staleAfterWorkingDays working days late (the bot was down);
 * superseded: a newer reminder of the same kind for the same occurrence goes out in this tick.
 */
export type StaleReason = "due_passed" | "too_old" | "superseded";

export interface DueRemindersOptions {
  calendar: WorkCalendar;
  /** Default 2. */
  staleAfterWorkingDays?: number;
}

export interface DueRemindersGrouping<T> {
  /**
   * The occurrence a reminder belongs to. When given, of several sendable reminders of the same
   * occurrence and kind (e.g. three daily overdue reminders after a downtime) only the newest is
   * sent. Without it nothing is merged: `planned` may mix occurrences.
   */
  occurrenceKey?: (reminder: T) => string;
}

export interface DueReminders<T extends PlannedReminder> {
  /** Send now, oldest first. */
  send: T[];
  /** Skip for good, with a log line giving the reason. */
  stale: Array<T & { staleReason: StaleReason }>;
  /** Due and still relevant, but `now` is outside working time: wait for the next working moment. */
  deferred: T[];
}

/**
 * What a scheduler tick at `now` must do with the reminders not yet sent or skipped (pass only
 * those; reminders with sendAt > now are left alone). Generic so that callers can pass their own
 * rows (with ids) and get the same rows back.
 */
export function dueReminders<T extends PlannedReminder>(
  planned: readonly T[],
  now: Date,
  {
    calendar,
    staleAfterWorkingDays = 2,
    occurrenceKey,
  }: DueRemindersOptions & DueRemindersGrouping<T>,
): DueReminders<T> {
  const today = calendar.localDate(now);
  const inWorkingTime = calendar.isWorkingTime(now);
  const result: DueReminders<T> = { send: [], stale: [], deferred: [] };
  const ready = planned
    .filter((r) => r.sendAt.getTime() <= now.getTime())
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
  const newest = new Map<string, T>();
  if (occurrenceKey) {
    for (const r of ready) newest.set(`${occurrenceKey(r)}\u0000${r.kind}`, r);
  }
  for (const reminder of ready) {
    let reason = staleReason(reminder, today, calendar, staleAfterWorkingDays);
    if (
      !reason &&
      occurrenceKey &&
      newest.get(`${occurrenceKey(reminder)}\u0000${reminder.kind}`) !== reminder
    ) {
      reason = "superseded";
    }
    if (reason) result.stale.push({ ...reminder, staleReason: reason });
    else if (inWorkingTime) result.send.push(reminder);
    else result.deferred.push(reminder);
  }
  return result;
}

function staleReason(
  reminder: PlannedReminder,
  today: string,
  calendar: WorkCalendar,
  staleAfterWorkingDays: number,
): StaleReason | null {
  if (reminder.kind === "before") {
    const dueDay = calendar.addWorkingDays(reminder.forDate, -reminder.offsetWorkingDays);
    if (today >= dueDay) return "due_passed";
  }
  if (reminder.kind === "due" && today > reminder.forDate) return "due_passed";
  if (calendar.workingDaysBetween(reminder.forDate, today) > staleAfterWorkingDays)
    return "too_old";
  return null;
}
