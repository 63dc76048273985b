import { type CalendarDate, daysInMonth, endOfMonth, isoDate, parseIsoDate } from "./calendar.js";
import type { Deadline, RecurringDeadline } from "./types.js";

/**
 * One occurrence of a task: a recurring or ongoing task has one per period, each with its own
 * status. Keys are stable within a task (the occurrence code ends with the key, folded):
 * - "once": a once deadline;
 * - "2024": a year (years, yearly, 12-month check-ins);
 * - "2024-Q3": a quarter (quarterly deadlines, quarterly check-ins of ongoing/undated tasks);
 * - "2024-07": a month (monthly deadlines, monthly check-ins);
 * - "2024-H1": a half year; "2024-P2": a 2- or 4-month check-in window;
 * - "2024-06-01": one date of a "several" deadline (its due date, so each date is distinct).
 */
export interface Period {
  key: string;
  /** "YYYY-MM-DD"; always set by occurrencePeriods (null is kept for callers that store open periods). */
  due: string | null;
  /** "YYYY-MM-DD": when the period opens. */
  start: string;
}

export interface OccurrenceOptions {
  /** "YYYY-MM-DD" in Asia/Ho_Chi_Minh. */
  today: string;
  planStart?: string;
  planEnd?: string;
  /** Length of an ongoing task's check-in window, in months; must divide 12. Default 3 (quarters). */
  ongoingCadenceMonths?: number;
}

export const ONGOING_CADENCES = [1, 2, 3, 4, 6, 12] as const;

function requireDate(name: string, value: string): CalendarDate {
  const date = parseIsoDate(value);
  if (date === null)
    throw new RangeError(`${name} must be a real date written YYYY-MM-DD, got "${value}"`);
  return date;
}

function optionalDate(name: string, value: string | undefined): CalendarDate | undefined {
  return value === undefined ? undefined : requireDate(name, value);
}

function windowKey(year: number, index: number, months: number): string {
  switch (months) {
    case 1:
      return `${year}-${String(index).padStart(2, "0")}`;
    case 3:
      return `${year}-Q${index}`;
    case 6:
      return `${year}-H${index}`;
    case 12:
      return `${year}`;
    default:
      return `${year}-P${index}`;
  }
}

/** Ongoing tasks: one check-in window from the plan start up to today's window (never a future one). */
function ongoingPeriods(first: CalendarDate, last: CalendarDate, months: number): Period[] {
  const perYear = 12 / months;
  const windowOf = (d: CalendarDate) => d.year * perYear + Math.floor((d.month - 1) / months);
  const periods: Period[] = [];
  for (let w = windowOf(first); w <= windowOf(last); w++) {
    const year = Math.floor(w / perYear);
    const index = (w % perYear) + 1;
    periods.push({
      key: windowKey(year, index, months),
      start: isoDate(year, (index - 1) * months + 1, 1),
      due: endOfMonth(year, index * months),
    });
  }
  return periods;
}

function earlier(a: CalendarDate, b: CalendarDate): CalendarDate {
  return isoDate(a.year, a.month, a.day) <= isoDate(b.year, b.month, b.day) ? a : b;
}

function iso(d: CalendarDate): string {
  return isoDate(d.year, d.month, d.day);
}

/** The day after an ISO date. */
function nextDay(date: string): string {
  const d = parseIsoDate(date);
  if (d === null) throw new RangeError(`not a date: ${date}`);
  if (d.day < daysInMonth(d.year, d.month)) return isoDate(d.year, d.month, d.day + 1);
  if (d.month < 12) return isoDate(d.year, d.month + 1, 1);
  return isoDate(d.year + 1, 1, 1);
}

/** Day `day` of a month, or its last day when the month is shorter ("ngày 31" → 30/4, 28/2). */
function dayIn(year: number, month: number, day: number): string {
  return isoDate(year, month, Math.min(day, daysInMonth(year, month)));
}

interface Due {
  key: string;
  due: string;
}

/** Every due date of a recurring deadline in the given years, in date order. */
function duesIn(d: RecurringDeadline, fromYear: number, toYear: number, dateKeys: boolean): Due[] {
  const key = (plain: string, due: string) => (dateKeys ? due : plain);
  if (d.kind === "once") return [{ key: key("once", d.due), due: d.due }];
  const dues: Due[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    switch (d.kind) {
      case "yearly": {
        const due = dayIn(year, d.month, d.day);
        dues.push({ key: key(String(year), due), due });
        break;
      }
      case "monthly":
        for (let month = 1; month <= 12; month++) {
          const due = dayIn(year, month, d.day);
          dues.push({ key: key(`${year}-${String(month).padStart(2, "0")}`, due), due });
        }
        break;
      case "quarterly":
        for (let q = 1; q <= 4; q++) {
          const due = dayIn(year, (q - 1) * 3 + d.month, d.day);
          dues.push({ key: key(`${year}-Q${q}`, due), due });
        }
        break;
    }
  }
  return dues;
}

/**
 * Monthly, quarterly and "several" deadlines: one period per due date; a period opens the day
 * after the previous due date (so the reminders before a due date early in a month belong to
 * it), and periods are added as they open — up to the one open today, never past the plan end.
 * Yearly and one-off dates inside "several" are all there from the plan's first year, like a
 * yearly deadline's.
 */
function recurringPeriods(
  members: readonly RecurringDeadline[],
  dateKeys: boolean,
  planStart: CalendarDate | undefined,
  from: CalendarDate,
  today: CalendarDate,
  planEnd: CalendarDate | undefined,
): Period[] {
  const lastYear = Math.max((planEnd ?? today).year, today.year);
  const all = new Map<string, Due & { member: RecurringDeadline }>();
  for (const member of members) {
    // One year more: the period open today may be due next year (due 15/01, today 20/12).
    for (const due of duesIn(member, from.year - 1, lastYear + 1, dateKeys)) {
      if (!all.has(due.due)) all.set(due.due, { ...due, member });
    }
  }
  const sorted = [...all.values()].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const periods: Period[] = [];
  const fromIso = iso(from);
  const todayIso = iso(today);
  const endIso = planEnd ? iso(planEnd) : undefined;
  const planStartIso = planStart ? iso(planStart) : undefined;
  sorted.forEach((item, i) => {
    const previous = sorted[i - 1];
    let start = previous ? nextDay(previous.due) : isoDate(Number(item.due.slice(0, 4)), 1, 1);
    // Nothing opens before the plan starts (nor after its own due date).
    if (planStartIso !== undefined && start < planStartIso) start = planStartIso;
    if (start > item.due) start = item.due;
    const year = Number(item.due.slice(0, 4));
    if (item.member.kind === "yearly") {
      if (year < from.year || year > (planEnd ?? today).year) return;
    } else if (item.member.kind !== "once") {
      if (item.due < fromIso) return;
      if (start > todayIso) return;
      if (endIso !== undefined && item.due > endIso) return;
    }
    periods.push({ key: item.key, due: item.due, start });
  });
  return periods;
}

/**
 * Expands a deadline into the periods a unit must report on.
 * - once: one period "once" (opens at plan start, else today, never after the due date);
 * - years: one per listed year, due 31/12;
 * - yearly: one per year from the plan start's year (else today's) to the plan end's year
 *   (else today's); 29/02 falls on 28/02 in common years;
 * - monthly / quarterly: one per month ("2025-07") / quarter ("2025-Q3") from the plan start
 *   (else today) up to the period open today, not past the plan end; day 31 (or any day the
 *   month lacks) is the month's last day;
 * - several: one per date per year, keyed by the due date ("2025-06-01");
 * - ongoing, and a task without a calendar date (null): one check-in window per cadence
 *   (default quarters) from the plan start (else today) up to the window holding today, and
 *   not past the plan end.
 */
export function occurrencePeriods(d: Deadline | null, opts: OccurrenceOptions): Period[] {
  const today = requireDate("today", opts.today);
  const planStart = optionalDate("planStart", opts.planStart);
  const planEnd = optionalDate("planEnd", opts.planEnd);
  const from = planStart ?? today;

  if (d === null) return occurrencePeriods({ kind: "ongoing" }, opts);
  switch (d.kind) {
    case "once": {
      const start = opts.planStart ?? opts.today;
      return [{ key: "once", due: d.due, start: start < d.due ? start : d.due }];
    }
    case "years":
      return d.years.map((year) => ({
        key: String(year),
        due: isoDate(year, 12, 31),
        start: isoDate(year, 1, 1),
      }));
    case "yearly": {
      const lastYear = (planEnd ?? today).year;
      const periods: Period[] = [];
      for (let year = from.year; year <= lastYear; year++) {
        const day = Math.min(d.day, daysInMonth(year, d.month));
        periods.push({
          key: String(year),
          due: isoDate(year, d.month, day),
          start: isoDate(year, 1, 1),
        });
      }
      return periods;
    }
    case "monthly":
    case "quarterly":
      return recurringPeriods([d], false, planStart, from, today, planEnd);
    case "several":
      return recurringPeriods(d.deadlines, true, planStart, from, today, planEnd);
    case "ongoing": {
      const months = opts.ongoingCadenceMonths ?? 3;
      if (!(ONGOING_CADENCES as readonly number[]).includes(months)) {
        throw new RangeError(
          `ongoingCadenceMonths must be one of ${ONGOING_CADENCES.join(", ")}, got ${months}`,
        );
      }
      return ongoingPeriods(from, planEnd ? earlier(today, planEnd) : today, months);
    }
  }
}
