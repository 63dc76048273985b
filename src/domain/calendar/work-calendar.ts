import { z } from "zod";
import type { HolidayEntry, HolidayFile } from "./holiday-file.js";
import {
  addDays,
  clockMinutes,
  dayNumber,
  instantAt,
  isClockTime,
  localDateOf,
  localMinutesOf,
  weekdayOf,
} from "./local-date.js";

export const workingHoursSchema = z
  .object({
    start: z.string().refine(isClockTime, { message: "expected HH:MM" }),
    end: z.string().refine(isClockTime, { message: "expected HH:MM" }),
  })
  .refine((h) => clockMinutes(h.start) < clockMinutes(h.end), {
    message: "working hours must start before they end",
  });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: "07:30", end: "17:00" };

/** The longest run of days off we accept before deciding the data is broken (Tết is 9 at most). */
const MAX_DAYS_OFF_IN_A_ROW = 31;

export interface WorkCalendar {
  readonly hours: WorkingHours;
  /** Years that have a holiday file; outside them only weekends are known. */
  readonly coveredYears: readonly number[];
  isCovered(date: string): boolean;
  /** Mon–Fri minus holidays and days off in lieu, plus Saturdays worked in exchange. */
  isWorkingDay(date: string): boolean;
  /** On a working day, within [start, end) of the working hours, Vietnam time. */
  isWorkingTime(at: Date): boolean;
  /** `at` itself if inside working time, else the opening of the next working day. */
  nextWorkingMoment(at: Date): Date;
  /**
   * The n-th working day after `date` (before it when n < 0), not counting `date` itself;
   * n = 0 returns `date` unchanged, working day or not.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Working days in (a, b] — negative, counting (b, a], when b is before a — so that
   * addWorkingDays(a, workingDaysBetween(a, b)) === b whenever b is a working day.
   */
  workingDaysBetween(a: string, b: string): number;
  /** The Vietnam calendar date of an instant. */
  localDate(at: Date): string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday(date: string): number;
  /** The holiday-file entry for that date (holiday, day off in lieu or working Saturday), if any. */
  entryOn(date: string): HolidayEntry | undefined;
}

export function createWorkCalendar(
  years: readonly HolidayFile[],
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): WorkCalendar {
  const checkedHours = workingHoursSchema.parse(hours);
  const openAt = clockMinutes(checkedHours.start);
  const closeAt = clockMinutes(checkedHours.end);

  const entries = new Map<string, HolidayEntry>();
  const covered = new Set<number>();
  for (const file of years) {
    if (covered.has(file.year)) throw new Error(`Two holiday files for ${file.year}`);
    covered.add(file.year);
    for (const entry of file.entries) entries.set(entry.date, entry);
  }

  function isWorkingDay(date: string): boolean {
    const entry = entries.get(date);
    if (entry) return entry.kind === "working_saturday";
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /** The nearest working day strictly after (step 1) or before (step -1) `date`. */
  function stepToWorkingDay(date: string, step: 1 | -1): string {
    let day = date;
    for (let i = 0; i < MAX_DAYS_OFF_IN_A_ROW; i++) {
      day = addDays(day, step);
      if (isWorkingDay(day)) return day;
    }
    throw new Error(
      `No working day within ${MAX_DAYS_OFF_IN_A_ROW} days of ${date}: check the holiday files`,
    );
  }

  function addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
    let day = date;
    const step = n > 0 ? 1 : -1;
    for (let i = 0; i < Math.abs(n); i++) day = stepToWorkingDay(day, step);
    return day;
  }

  function workingDaysBetween(a: string, b: string): number {
    const [from, to, sign] = dayNumber(a) <= dayNumber(b) ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let day = addDays(from, 1); dayNumber(day) <= dayNumber(to); day = addDays(day, 1)) {
      if (isWorkingDay(day)) count++;
    }
    return sign * count;
  }

  function isWorkingTime(at: Date): boolean {
    const minutes = localMinutesOf(at);
    return isWorkingDay(localDateOf(at)) && minutes >= openAt && minutes < closeAt;
  }

  function nextWorkingMoment(at: Date): Date {
    if (isWorkingTime(at)) return at;
    const today = localDateOf(at);
    if (isWorkingDay(today) && localMinutesOf(at) < openAt)
      return instantAt(today, checkedHours.start);
    return instantAt(stepToWorkingDay(today, 1), checkedHours.start);
  }

  return {
    hours: checkedHours,
    coveredYears: [...covered].sort((x, y) => x - y),
    isCovered: (date) => covered.has(Number(date.slice(0, 4))),
    isWorkingDay,
    isWorkingTime,
    nextWorkingMoment,
    addWorkingDays,
    workingDaysBetween,
    localDate: localDateOf,
    weekday: weekdayOf,
    entryOn: (date) => entries.get(date),
  };
}
