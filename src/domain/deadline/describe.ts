import { t, type Locale, type TranslationKey } from "../../i18n.js";
import type { Deadline, DeadlineErrorCode } from "./types.js";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2024-06-30" → "30/06/2024", the way dates are written in Vietnamese documents. */
function formatDue(due: string): string {
  const [year, month, day] = due.split("-");
  return `${day}/${month}/${year}`;
}

/** Short text for lists and reminders: "Thường xuyên", "30/06/2024", "Hằng năm, 15/11", "Năm 2024, 2025". */
export function describeDeadline(d: Deadline, locale?: Locale): string {
  switch (d.kind) {
    case "ongoing":
      return t("deadline.describe.ongoing", {}, locale);
    case "once":
      return t("deadline.describe.once", { date: formatDue(d.due) }, locale);
    case "yearly":
      return t("deadline.describe.yearly", { date: `${pad2(d.day)}/${pad2(d.month)}` }, locale);
    case "years":
      return d.years.length === 1
        ? t("deadline.describe.year", { year: d.years.join("") }, locale)
        : t("deadline.describe.years", { years: d.years.join(", ") }, locale);
  }
}

const ERROR_KEYS: Record<DeadlineErrorCode, TranslationKey> = {
  empty: "deadline.error.empty",
  unknown_phrase: "deadline.error.unknown_phrase",
  impossible_date: "deadline.error.impossible_date",
  ambiguous: "deadline.error.ambiguous",
  missing_year: "deadline.error.missing_year",
  reversed_range: "deadline.error.reversed_range",
  unsupported_recurrence: "deadline.error.unsupported_recurrence",
};

/** What was wrong with a phrase, followed by examples of phrases that are understood. */
export function deadlineErrorMessage(code: DeadlineErrorCode, locale?: Locale): string {
  return `${t(ERROR_KEYS[code], {}, locale)} ${t("deadline.error.examples", {}, locale)}`;
}
