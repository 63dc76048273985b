import type { WorkCalendar } from "../calendar/work-calendar.js";
import { addDays, instantAt, localDateOf } from "../calendar/local-date.js";
import { weekPeriod } from "./period.js";
import type { DigestPeriod } from "./types.js";

/** A digest schedule: a cron expression reduced to what the slot search needs. */
export interface DigestSchedule {
  /** Local clock times ("HH:MM") at which the expression can fire. */
  timesOfDay: readonly string[];
  /** Whether the expression fires at this instant (Vietnam time). */
  matches(at: Date): boolean;
}

export interface DigestSlot {
  /** The day the expression fired on (maybe a holiday). */
  firedOn: string;
  /** When the digest goes: the same time on that day, or on the next working day after it. */
  sendAt: Date;
  /** The whole week before the day it fired on. */
  period: DigestPeriod;
}

export interface SlotOptions {
  /** How many days back to look for a firing (covers Tết). Default 14. */
  lookbackDays?: number;
  /** A slot whose send time is older than this is stale (downtime): not sent. Default 3 days. */
  catchUpMs?: number;
}

const DEFAULT_CATCH_UP_MS = 3 * 24 * 3_600_000;

/** The working day itself, or the first working day after it. */
function workingDayFrom(date: string, calendar: WorkCalendar): string {
  return calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, 1);
}

/**
 * When the schedule next sends after `at` (moved to the next working day like a real slot), or
 * undefined when it does not fire within `horizonDays`.
 */
export function nextDigestSend(
  schedule: DigestSchedule,
  at: Date,
  calendar: WorkCalendar,
  horizonDays = 40,
): Date | undefined {
  const today = localDateOf(at);
  const times = [...schedule.timesOfDay].sort();
  for (let ahead = 0; ahead <= horizonDays; ahead++) {
    const day = addDays(today, ahead);
    for (const time of times) {
      const fire = instantAt(day, time);
      if (fire.getTime() <= at.getTime() || !schedule.matches(fire)) continue;
      return instantAt(workingDayFrom(day, calendar), time);
    }
  }
  return undefined;
}

/**
 * The latest digest slot due at `at`: the schedule fired on some day, and its send time (moved
 * to the next working day when that day is a weekend or holiday) has come and is not stale.
 * A slot missed (downtime) is caught up within `catchUpMs`, in working hours only.
 * The period is the last whole week before the day it fired, so a Monday digest held over a
 * holiday to Tuesday still covers the week before that Monday.
 */
export function latestDigestSlot(
  schedule: DigestSchedule,
  at: Date,
  calendar: WorkCalendar,
  options: SlotOptions = {},
): DigestSlot | undefined {
  const lookback = options.lookbackDays ?? 14;
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const today = localDateOf(at);
  let best: DigestSlot | undefined;
  for (let back = 0; back <= lookback; back++) {
    const day = addDays(today, -back);
    for (const time of schedule.timesOfDay) {
      const fire = instantAt(day, time);
      if (fire.getTime() > at.getTime() || !schedule.matches(fire)) continue;
      const sendAt = instantAt(workingDayFrom(day, calendar), time);
      if (sendAt.getTime() > at.getTime() || at.getTime() - sendAt.getTime() > catchUpMs) continue;
      // A digest missed by downtime is caught up in working hours, never at night or on a weekend.
      if (localDateOf(sendAt) !== today && !calendar.isWorkingTime(at)) continue;
      if (best && best.sendAt.getTime() >= sendAt.getTime()) continue;
      best = { firedOn: day, sendAt, period: weekPeriod(addDays(day, -7), sendAt) };
    }
  }
  return best;
}
