import { addDays, dayNumber, instantAt, localDateOf, weekdayOf } from "../calendar/local-date.js";
import type { DigestPeriod } from "./types.js";

/** The Monday of the week (Monday to Sunday) that holds `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** ISO 8601 week key of a date: "2024-W47" (the week belongs to the year of its Thursday). */
export function isoWeekKey(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The week holding `date`, as of the end of that week or `now`, whichever comes first. */
export function weekPeriod(date: string, now: Date): DigestPeriod {
  const start = mondayOf(date);
  const end = addDays(start, 6);
  const endInstant = instantAt(addDays(end, 1), "00:00");
  const complete = now.getTime() >= endInstant.getTime();
  return { key: isoWeekKey(start), start, end, asOf: complete ? endInstant : now, complete };
}

/** The last whole week that ended before `at` ("tuần trước" on any day of this week). */
export function lastCompleteWeek(at: Date): DigestPeriod {
  const today = localDateOf(at);
  const lastSunday = addDays(mondayOf(today), -1);
  return weekPeriod(lastSunday, at);
}

/** The day the figures are measured against: the first day after the period's window. */
export function referenceDay(period: DigestPeriod): string {
  return localDateOf(period.asOf);
}

/** The last day inside the window (the Sunday of a whole week, else the day of `asOf`). */
export function lastDayIn(period: DigestPeriod): string {
  return localDateOf(new Date(period.asOf.getTime() - 1));
}
