import { t, type Locale } from "../../i18n.js";
import { addDays } from "../calendar/local-date.js";
import type { ReportParseError } from "./parse-report.js";

/**
 * A sentence telling the user what was wrong with their report and what to type instead.
 * With `today` (YYYY-MM-DD) the examples of extension dates are real future dates.
 */
export function reportErrorMessage(
  code: ReportParseError,
  locale?: Locale,
  today?: string,
): string {
  const example =
    today === undefined ? t("report.example_date", {}, locale) : dayMonth(addDays(today, 30));
  return t(`report.error.${code}`, { example }, locale);
}

function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}`;
}
