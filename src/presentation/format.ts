import { dayNumber, formatDate, weekdayOf } from "../domain/calendar/index.js";
import { getDefaultLocale, t, type Locale } from "../i18n.js";

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** "2024-06-30" → "Chủ nhật, ngày 30/06/2024" */
export function formatDateLong(date: string, locale?: Locale): string {
  const weekday = t(`format.weekday.${WEEKDAYS[weekdayOf(date)] ?? "mon"}`, {}, locale);
  return t("format.dateLong", { weekday, date: formatDate(date) }, locale);
}

/** "còn 10 ngày", "hôm nay là hạn", "quá hạn 3 ngày" (calendar days). */
export function formatDaysLeft(today: string, due: string, locale?: Locale): string {
  const days = dayNumber(due) - dayNumber(today);
  if (days > 0) return t("format.daysLeft", { count: days }, locale);
  if (days === 0) return t("format.dueToday", {}, locale);
  return t("format.daysLate", { count: -days }, locale);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A count as the locale writes it: 1289 → "1.289" in Vietnamese, "1,289" in English. */
export function formatCount(count: number, locale?: Locale): string {
  const tag = (locale ?? getDefaultLocale()) === "en" ? "en-US" : "vi-VN";
  return new Intl.NumberFormat(tag).format(count);
}
