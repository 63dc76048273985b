import type { Message } from "../../core/message-key.js";
import { formatDate } from "../calendar/format.js";

const ROMAN = ["I", "II", "III", "IV"];

/** A quarter's key ("2024-Q3") read: its Roman numeral ("III"), number and year; null otherwise. */
export function quarterOf(
  periodKey: string,
): { roman: string; number: number; year: number } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (!m) return null;
  const number = Number(m[2]);
  return { roman: ROMAN[number - 1] ?? String(number), number, year: Number(m[1]) };
}

/**
 * An occurrence's period as people say it ("quý III/2024", "tháng 7/2024", "năm 2024"), from
 * its key (see periods.ts); a window without a common name is given by its dates.
 */
export function describePeriod(periodKey: string, start: string, due: string | null): Message {
  const quarter = quarterOf(periodKey);
  if (quarter) {
    const { roman, number, year } = quarter;
    return { key: "deadline.period.quarter", params: { quarter: roman, number, year } };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (month) {
    return {
      key: "deadline.period.month",
      params: { month: Number(month[2]), year: Number(month[1]) },
    };
  }
  const half = /^(\d{4})-H([12])$/.exec(periodKey);
  if (half) {
    const key = half[2] === "1" ? "deadline.period.firstHalf" : "deadline.period.secondHalf";
    return { key, params: { year: Number(half[1]) } };
  }
  if (/^\d{4}$/.test(periodKey))
    return { key: "deadline.period.year", params: { year: Number(periodKey) } };
  if (/^\d{4}-\d{2}-\d{2}$/.test(periodKey)) {
    return { key: "deadline.period.day", params: { date: formatDate(periodKey) } };
  }
  return due
    ? { key: "deadline.period.window", params: { from: formatDate(start), to: formatDate(due) } }
    : { key: "deadline.period.since", params: { from: formatDate(start) } };
}
