import {
  message,
  messageList,
  type Message,
  type MessageList,
  type TranslationKey,
} from "../../core/message-key.js";
import { formatDate } from "../calendar/format.js";
import type { Deadline, DeadlineErrorCode, RecurringDeadline, UndatedReason } from "./types.js";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
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
export function describeDeadline(d: Deadline | null): Message | MessageList {
  if (d === null) return message("deadline.describe.undated");
  switch (d.kind) {
    case "ongoing":
      return message("deadline.describe.ongoing");
    case "years":
      return d.years.length === 1
        ? message("deadline.describe.year", { year: d.years.join("") })
        : message("deadline.describe.years", { years: d.years.join(", ") });
    case "several":
      return describeSeveral(d.deadlines);
    default:
      return describeRecurring(d);
  }
}

function describeRecurring(d: RecurringDeadline): Message {
  switch (d.kind) {
    case "once":
      return message("deadline.describe.once", { date: formatDate(d.due) });
    case "yearly":
      return message("deadline.describe.yearly", { date: `${pad2(d.day)}/${pad2(d.month)}` });
    case "monthly":
      return d.day >= 31
        ? message("deadline.describe.monthlyEnd")
        : message("deadline.describe.monthly", { day: pad2(d.day) });
    case "quarterly":
      if (d.month === 3 && d.day >= 31) return message("deadline.describe.quarterlyEnd");
      return message("deadline.describe.quarterly", {
        day: pad2(d.day),
        which: message(QUARTER_MONTH_KEYS[d.month] ?? "deadline.describe.quarterMonth3"),
      });
  }
}

/** Two yearly dates read as one phrase ("Hằng năm, 01/06 và 15/11"); anything else is listed. */
function describeSeveral(list: readonly RecurringDeadline[]): MessageList | Message {
  const and = message("deadline.describe.and");
  if (list.every((d) => d.kind === "yearly")) {
    const dates = list.map((d) => (d.kind === "yearly" ? `${pad2(d.day)}/${pad2(d.month)}` : ""));
    return message("deadline.describe.yearlyDates", { dates: messageList(dates, and) });
  }
  if (list.every((d) => d.kind === "once")) return messageList(list.map(describeRecurring), and);
  return messageList(list.map(describeRecurring), message("deadline.describe.list"));
}

const UNDATED_KEYS: Record<UndatedReason, TranslationKey> = {
  conditional: "deadline.undated.conditional",
  other_plan: "deadline.undated.other_plan",
  unspecified: "deadline.undated.unspecified",
};

/** Why a task has no due date, in words ("chờ một sự kiện …"). */
export function undatedReasonText(reason: UndatedReason): Message {
  return message(UNDATED_KEYS[reason]);
}

/**
 * The warning a plan task without a calendar date carries: "chưa có thời hạn: “Theo kế hoạch
 * riêng”", or, when the plan writes no time at all, "chưa có thời hạn (kế hoạch không ghi …)".
 */
export function undatedWarning(deadlineText: string): Message {
  const text = deadlineText.trim();
  return text === ""
    ? message("deadline.undated.warningEmpty")
    : message("deadline.undated.warning", { text });
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
export function deadlineErrorMessage(code: DeadlineErrorCode): MessageList {
  return messageList([message(ERROR_KEYS[code]), message("deadline.error.examples")], " ");
}
