import { type CalendarDate, daysInMonth, endOfMonth, isoDate, parseIsoDate } from "./calendar.js";
import type { Deadline } from "./types.js";

/** One occurrence of a task: a yearly or ongoing task has one per period, each with its own status. */
export interface Period {
  /** Stable within a task: "once", "2024", "2024-Q3", "2024-H1", "2024-07", "2024-P2" (2- and 4-month windows). */
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

/**
 * Expands a deadline into the periods a unit must report on.
 * - once: one period "once" (opens at plan start, else today, never after the due date);
 * - years: one per listed year, due 31/12;
 * - yearly: one per year from the plan start's year (else today's) to the plan end's year
 *   (else today's); 29/02 falls on 28/02 in common years;
 * - ongoing: one window per cadence (default quarters) from the plan start (else today) up to
 *   the window holding today, and not past the plan end.
 */
export function occurrencePeriods(d: Deadline, opts: OccurrenceOptions): Period[] {
  const today = requireDate("today", opts.today);
  const planStart = optionalDate("planStart", opts.planStart);
  const planEnd = optionalDate("planEnd", opts.planEnd);
  const from = planStart ?? today;

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
