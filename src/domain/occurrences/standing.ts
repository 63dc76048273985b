import { addDays } from "../calendar/local-date.js";
import { storedDeadlineSchema } from "../deadline/types.js";
import type { ReportStatus } from "../reports/status.js";

/**
 * One definition, shared by /kehoach, /nhiemvu, the weekly digest and the Excel export:
 *
 * - a **task** ("nhiệm vụ") is one item of a plan;
 * - an **occurrence** ("lượt") is a task × assigned unit × period, with its own code and status;
 * - an occurrence **counts** on a day when its period has begun by then; an ongoing or undated
 *   one (check-ins, never late) counts only while its period holds the day: the check-in windows
 *   of past quarters are history, not work still to do;
 * - an occurrence is **overdue** when it counts, tracks a date, is not done, and its due date
 *   (an accepted extension replaces the plan's date) is before the day.
 */
export type OccurrenceKind = "dated" | "ongoing" | "undated";

/** The kind of a task's stored deadline; an unreadable value counts as dated. */
export function occurrenceKind(deadline: unknown): OccurrenceKind {
  const stored = storedDeadlineSchema.safeParse(deadline);
  if (!stored.success) return "dated";
  if (stored.data === null) return "undated";
  return stored.data.kind === "ongoing" ? "ongoing" : "dated";
}

/** What the definition reads of an occurrence. Dates are "YYYY-MM-DD". */
export interface OccurrenceFacts {
  kind: OccurrenceKind;
  periodStart: string;
  /** The period's due date; for a check-in, the window's last day (null: open-ended). */
  dueDate: string | null;
  extendedDue: string | null;
  status: ReportStatus;
}

/** How far ahead "sắp đến hạn" looks, in calendar days. */
export const DUE_SOON_DAYS = 14;

/**
 * Whether the occurrence is chased to a date: a dated one, or an undated one given a date by an
 * accepted extension (/giahan). Ongoing tasks get check-ins only.
 */
export function tracksDate(occ: OccurrenceFacts): boolean {
  return occ.kind === "dated" || (occ.kind === "undated" && occ.extendedDue !== null);
}

/** The date that counts for lateness (null for a check-in window). */
export function dueOf(occ: OccurrenceFacts): string | null {
  if (!tracksDate(occ)) return null;
  return occ.extendedDue ?? occ.dueDate;
}

/** Whether the occurrence counts on `day` (see the definition above). */
export function counts(occ: OccurrenceFacts, day: string): boolean {
  if (occ.periodStart > day) return false;
  if (tracksDate(occ)) return true;
  return occ.dueDate === null || day <= occ.dueDate;
}

/** Late on `day`: a due date before it and not done. */
export function isOverdue(occ: OccurrenceFacts, day: string): boolean {
  const due = dueOf(occ);
  return occ.status !== "done" && due !== null && due < day && counts(occ, day);
}

/**
 * Where /nhiemvu files an occurrence on `today`, in the order it lists them: overdue first, then
 * what needs a decision (blocked, extension asked), then what falls due within DUE_SOON_DAYS, work
 * under way, work not yet due, the current check-in of ongoing and undated tasks; then done. A
 * past check-in window is "past", a period not begun "upcoming": neither is listed.
 */
export const STANDINGS = [
  "overdue",
  "attention",
  "dueSoon",
  "inProgress",
  "notDue",
  "checkin",
  "done",
  "past",
  "upcoming",
] as const;
export type Standing = (typeof STANDINGS)[number];

export function standingOf(occ: OccurrenceFacts, today: string): Standing {
  if (occ.periodStart > today) return "upcoming";
  if (!counts(occ, today)) return "past";
  if (occ.status === "done") return "done";
  const attention = occ.status === "blocked" || occ.status === "extension_requested";
  const due = dueOf(occ);
  if (due === null) return attention ? "attention" : "checkin";
  if (due < today) return "overdue";
  if (attention) return "attention";
  if (due <= addDays(today, DUE_SOON_DAYS - 1)) return "dueSoon";
  return occ.status === "in_progress" ? "inProgress" : "notDue";
}

/** What every view says it counts, on one day. */
export interface Tally {
  /** Occurrences that count on the day (dated ones begun, check-ins of the current period). */
  counted: number;
  /** Of those, not done. */
  open: number;
  /** Of those, overdue. */
  overdue: number;
  /** Of those, done. */
  done: number;
  /** Of those, current check-ins of ongoing or undated tasks. */
  checkins: number;
  /** Check-in windows already over: kept in the Excel export, not counted. */
  past: number;
  /** Periods not begun yet: not counted. */
  upcoming: number;
}

export function emptyTally(): Tally {
  return { counted: 0, open: 0, overdue: 0, done: 0, checkins: 0, past: 0, upcoming: 0 };
}

/** Adds one occurrence to a tally (for callers that tally as they go). */
export function addToTally(tally: Tally, occ: OccurrenceFacts, day: string): Tally {
  const standing = standingOf(occ, day);
  if (standing === "past") tally.past += 1;
  else if (standing === "upcoming") tally.upcoming += 1;
  else {
    tally.counted += 1;
    if (standing === "done") tally.done += 1;
    else tally.open += 1;
    if (standing === "overdue") tally.overdue += 1;
    if (dueOf(occ) === null) tally.checkins += 1;
  }
  return tally;
}

export function tallyOf(occurrences: Iterable<OccurrenceFacts>, day: string): Tally {
  const tally = emptyTally();
  for (const occ of occurrences) addToTally(tally, occ, day);
  return tally;
}

/**
 * The date to show for a due date on `today`: the working day it falls due on (`dueDay`, the last
 * working day before a weekend or holiday date) until that day has passed, with `moved` set; then
 * the date itself, since lateness counts from it. Days left are counted to the date shown.
 */
export function dueShown(
  today: string,
  due: string,
  dueDay: string | undefined,
): { date: string; moved: boolean } {
  return dueDay !== undefined && dueDay !== due && today <= dueDay
    ? { date: dueDay, moved: true }
    : { date: due, moved: false };
}
