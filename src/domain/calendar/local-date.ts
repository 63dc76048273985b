/**
 * Plain local dates ("YYYY-MM-DD") and instants in Vietnam time.
 *
 * Vietnam has used UTC+7 with no daylight saving since 1975, so a fixed offset is exact for
 * every date this bot handles; no time-zone database is needed.
 */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

/** The same zone by name, for libraries that take one (node-cron). */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written "YYYY-MM-DD" (rejects 2025-02-30). */
export function isLocalDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Days since 1970-01-01 for a local date; throws on a malformed date (a programming error). */
export function dayNumber(date: string): number {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    MS_PER_DAY
  );
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday (JavaScript's convention; "Thứ Hai" is 1). */
export function weekdayOf(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function makeLocalDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function lastDayOfMonth(year: number, month: number): string {
  return fromDayNumber(Date.UTC(year, month, 0) / MS_PER_DAY);
}

/** The Vietnam calendar date of an instant. */
export function localDateOf(at: Date): string {
  return new Date(at.getTime() + VN_UTC_OFFSET_MINUTES * MS_PER_MINUTE).toISOString().slice(0, 10);
}

/** Minutes since local midnight (Vietnam time) of an instant. */
export function localMinutesOf(at: Date): number {
  const shifted = at.getTime() + VN_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
  return Math.floor((((shifted % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE);
}

export function isClockTime(value: string): boolean {
  return TIME_PATTERN.test(value);
}

/** "HH:MM" → minutes since midnight. */
export function clockMinutes(time: string): number {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new RangeError(`Not a time (HH:MM): ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant at which Vietnam clocks show `time` on `date`. */
export function instantAt(date: string, time: string): Date {
  return new Date(
    (dayNumber(date) * 1440 + clockMinutes(time) - VN_UTC_OFFSET_MINUTES) * MS_PER_MINUTE,
  );
}
