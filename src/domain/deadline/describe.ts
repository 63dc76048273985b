import { t, type Locale, type TranslationKey } from "../../i18n.js";
import type { Deadline, DeadlineErrorCode, RecurringDeadline, UndatedReason } from "./types.js";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2024-06-30" → "30/06/2024", the way dates are written in Vietnamese documents. */
function formatDue(due: string): string {
  const [year, month, day] = due.split("-");
  return `${day}/${month}/${year}`;
}

const QUARTER_MONTH_KEYS: Record<number, TranslationKey> = {
  1: "deadline.describe.quarterMonth1",
  2: "deadline.describe.quarterMonth2",
  3: "deadline.describe.quarterMonth3",
};

/**
 * Short text for lists and reminders: "Thường xuyên", "30/06/2024", "Hằng năm, 15/11",
 * "Năm 2024, 2025", "Trước ngày 15 hằng tháng", "Cuối mỗi quý", "Hằng năm, 01/06 và 15/11";
 * "Chưa có thời hạn" for a task without a calendar date (null).
 */
export function describeDeadline(d: Deadline | null, locale?: Locale): string {
  if (d === null) return t("deadline.describe.undated", {}, locale);
  switch (d.kind) {
    case "ongoing":
      return t("deadline.describe.ongoing", {}, locale);
    case "years":
      return d.years.length === 1
        ? t("deadline.describe.year", { year: d.years.join("") }, locale)
        : t("deadline.describe.years", { years: d.years.join(", ") }, locale);
    case "several":
      return describeSeveral(d.deadlines, locale);
    default:
      return describeRecurring(d, locale);
  }
}

function describeRecurring(d: RecurringDeadline, locale?: Locale): string {
  switch (d.kind) {
    case "once":
      return t("deadline.describe.once", { date: formatDue(d.due) }, locale);
    case "yearly":
      return t("deadline.describe.yearly", { date: `${pad2(d.day)}/${pad2(d.month)}` }, locale);
    case "monthly":
      return d.day >= 31
        ? t("deadline.describe.monthlyEnd", {}, locale)
        : t("deadline.describe.monthly", { day: pad2(d.day) }, locale);
    case "quarterly":
      if (d.month === 3 && d.day >= 31) return t("deadline.describe.quarterlyEnd", {}, locale);
      return t(
        "deadline.describe.quarterly",
        {
          day: pad2(d.day),
          which: t(QUARTER_MONTH_KEYS[d.month] ?? "deadline.describe.quarterMonth3", {}, locale),
        },
        locale,
      );
  }
}

/** Two yearly dates read as one phrase ("Hằng năm, 01/06 và 15/11"); anything else is listed. */
function describeSeveral(list: readonly RecurringDeadline[], locale?: Locale): string {
  const and = t("deadline.describe.and", {}, locale);
  if (list.every((d) => d.kind === "yearly")) {
    const dates = list.map((d) => (d.kind === "yearly" ? `${pad2(d.day)}/${pad2(d.month)}` : ""));
    return t("deadline.describe.yearlyDates", { dates: dates.join(and) }, locale);
  }
  if (list.every((d) => d.kind === "once")) {
    return list.map((d) => describeRecurring(d, locale)).join(and);
  }
  return list
    .map((d) => describeRecurring(d, locale))
    .join(t("deadline.describe.list", {}, locale));
}

const UNDATED_KEYS: Record<UndatedReason, TranslationKey> = {
  conditional: "deadline.undated.conditional",
  other_plan: "deadline.undated.other_plan",
  unspecified: "deadline.undated.unspecified",
};

/** Why a task has no due date, in words ("chờ một sự kiện …"). */
export function undatedReasonText(reason: UndatedReason, locale?: Locale): string {
  return t(UNDATED_KEYS[reason], {}, locale);
}

/**
 * The warning a plan task without a calendar date carries: "chưa có thời hạn: “Theo kế hoạch
 * riêng”", or, when the plan writes no time at all, "chưa có thời hạn (kế hoạch không ghi …)".
 */
export function undatedWarning(deadlineText: string, locale?: Locale): string {
  const text = deadlineText.trim();
  return text === ""
    ? t("deadline.undated.warningEmpty", {}, locale)
    : t("deadline.undated.warning", { text }, locale);
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
